import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../src/domain/access.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import type { Role } from '../../src/domain/user.js';
import { createUser } from '../../src/operations/accounts/createUser.js';
import { createArgon2PasswordHasher } from '../../src/operations/accounts/passwordHasher.js';
import type { MediaItem, MediaVariantItem } from '../../src/operations/media/toMediaItem.js';
import type { Store } from '../../src/store/ports.js';
import { elementsOf } from '../support/inertHtml.js';
import {
  alphaPng,
  animatedGif,
  corruptJpeg,
  EXIF_SECRET,
  GIF_JS_POLYGLOT,
  jpegHtmlPolyglot,
  multipart,
  photoJpeg,
  pngClaiming,
  SCRIPT_SVG,
} from '../support/images.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { memoryRateLimiter } from '../support/memoryRateLimiter.js';
import { storeKinds, type TestStore } from '../support/stores.js';
import { hasJava, vnuErrors } from '../support/vnu.js';

const ORIGIN = 'https://khabar.example';
const PASSWORD = 'كلمة-سر-طويلة-للصور';
const passwords = createArgon2PasswordHasher();
const MAX_BYTES = 8 * 1024 * 1024;
const WIDTHS = [320, 480, 640, 768, 960, 1280, 1600, 1920];

type Who = 'admin' | 'editor' | 'author' | 'otherAuthor' | 'contributor';
interface Session {
  cookie: string;
  csrf: string;
  userId: number;
}
interface FilePart {
  data: Buffer;
  filename: string;
  contentType: string;
}

/** The 12-megapixel JPEG (4000 × 3000 stored, EXIF orientation 6: shown 3000 × 4000); made once. */
let bigJpeg: Promise<Buffer> | undefined;
const twelveMegapixels = () => (bigJpeg ??= photoJpeg(4000, 3000, 6));

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
  } catch {
    return [];
  }
}

const ratioOf = (v: { width: number; height: number }) => v.width / v.height;

for (const kind of storeKinds) describe.skipIf(!kind.available)(`admin API: media library [${kind.name}]`, () => {
  let handle: TestStore;
  let site: TestSite;
  let store: Store;
  const sessions = {} as Record<Who, Session>;

  const inject = (options: InjectOptions) => site.khabar.app.inject(options);
  const headersOf = (who: Who | null) => {
    const session = who ? sessions[who] : null;
    return { origin: ORIGIN, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) };
  };
  const call = (method: 'GET' | 'PATCH' | 'DELETE', url: string, who: Who | null, payload?: object) =>
    inject({ method, url, headers: headersOf(who), ...(payload ? { payload } : {}) });
  const upload = (who: Who | null, file: FilePart | null, fields: Record<string, string> = {}) => {
    const body = multipart([
      ...Object.entries(fields).map(([name, value]) => ({ name, value })),
      ...(file ? [{ name: 'file', ...file }] : []),
    ]);
    return inject({ method: 'POST', url: '/admin/api/media', headers: { ...headersOf(who), ...body.headers }, payload: body.payload });
  };
  const mediaDir = () => path.join(site.dataDir, 'media');
  /** Files on disk and rows in the store, to prove a refusal stored nothing. */
  const snapshot = async () => {
    await site.khabar.settle();
    return { files: filesUnder(mediaDir()), rows: await store.media.count({}) };
  };
  const fetchImage = async (url: string) => {
    const res = await inject({ method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    return res.rawPayload;
  };
  const uploaded = async (who: Who, file: FilePart, fields: Record<string, string> = {}): Promise<MediaItem> => {
    const res = await upload(who, file, fields);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().media as MediaItem;
  };

  beforeAll(async () => {
    const now = () => TEST_NOW;
    handle = await kind.open({ now });
    store = handle.store;
    site = await openTestSite({ store, now, demo: false, rateLimiter: memoryRateLimiter(now), overrides: { media: { maxUploadBytes: MAX_BYTES, avif: true } } });
    const roles: Record<Who, Role> = { admin: 'admin', editor: 'editor', author: 'author', otherAuthor: 'author', contributor: 'contributor' };
    for (const [who, role] of Object.entries(roles) as [Who, Role][]) {
      const email = `${who.toLowerCase()}@khabar.example`;
      const user = await createUser({ store, passwords }, systemActor('test'), { email, displayName: `${who} الاسم`, role, password: PASSWORD });
      const res = await inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN }, payload: { email, password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      const token = res.cookies.find((c) => c.name === 'khabar_session')!.value;
      sessions[who] = { cookie: `khabar_session=${token}`, csrf: res.json().csrfToken as string, userId: user.id };
    }
  });
  afterAll(async () => {
    await site?.dispose();
    await handle?.dispose();
  });

  describe('who may call it', () => {
    it('answers 401 on every route without a session, storing nothing', async () => {
      const existing = await uploaded('author', { data: await alphaPng(64, 64), filename: 'x.png', contentType: 'image/png' });
      const before = await snapshot();
      const file = { data: await photoJpeg(64, 48), filename: 'a.jpg', contentType: 'image/jpeg' };
      const responses = [
        await upload(null, file),
        await call('GET', '/admin/api/media', null),
        await call('GET', `/admin/api/media/${existing.id}`, null),
        await call('PATCH', `/admin/api/media/${existing.id}`, null, { alt: 'x' }),
        await call('DELETE', `/admin/api/media/${existing.id}`, null),
      ];
      for (const res of responses) {
        expect(res.statusCode, res.body).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      }
      expect(await snapshot()).toEqual(before);
    });

    it('lets authors, editors and admins upload', async () => {
      for (const who of ['author', 'editor', 'admin'] as const) {
        const media = await uploaded(who, { data: await photoJpeg(64, 48), filename: `${who}.jpg`, contentType: 'image/jpeg' });
        expect(media.uploadedBy).toBe(sessions[who].userId);
        expect((await store.media.findById(media.id))?.key).toBe(decodeURIComponent(media.url).replace('/media/', ''));
      }
    });

    it('refuses contributors (403) and a mutation without the CSRF token, storing nothing', async () => {
      const before = await snapshot();
      const file = { data: await photoJpeg(64, 48), filename: 'a.jpg', contentType: 'image/jpeg' };
      const refused = await upload('contributor', file);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
      expect((await call('GET', '/admin/api/media', 'contributor')).statusCode).toBe(403);
      const body = multipart([{ name: 'file', ...file }]);
      const noToken = await inject({ method: 'POST', url: '/admin/api/media', headers: { origin: ORIGIN, cookie: sessions.author.cookie, ...body.headers }, payload: body.payload });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.json().error.code).toBe('CSRF_INVALID');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('bad input is refused with a clear code and stores nothing', () => {
    const cases: Array<[string, () => Promise<FilePart | null>, number, string]> = [
      ['an SVG with script', async () => ({ data: SCRIPT_SVG, filename: 'logo.svg', contentType: 'image/svg+xml' }), 415, 'MEDIA_TYPE_UNSUPPORTED'],
      ['an SVG with script named .png', async () => ({ data: SCRIPT_SVG, filename: 'logo.png', contentType: 'image/png' }), 415, 'MEDIA_TYPE_UNSUPPORTED'],
      ['an HTML page named .jpg', async () => ({ data: Buffer.from('<html><script>alert(1)</script></html>'), filename: 'a.jpg', contentType: 'image/jpeg' }), 415, 'MEDIA_TYPE_UNSUPPORTED'],
      ['a JPEG renamed .png', async () => ({ data: await photoJpeg(64, 48), filename: 'photo.png', contentType: 'image/png' }), 415, 'MEDIA_TYPE_MISMATCH'],
      ['a JPEG named .php', async () => ({ data: await photoJpeg(64, 48), filename: 'shell.php', contentType: 'image/jpeg' }), 415, 'MEDIA_TYPE_MISMATCH'],
      ['a corrupt JPEG', async () => ({ data: await corruptJpeg(), filename: 'broken.jpg', contentType: 'image/jpeg' }), 422, 'MEDIA_CORRUPT'],
      ['a GIF/JavaScript polyglot', async () => ({ data: GIF_JS_POLYGLOT, filename: 'poly.gif', contentType: 'image/gif' }), 422, 'MEDIA_CORRUPT'],
      ['a PNG header claiming 50,000 × 50,000', async () => ({ data: pngClaiming(50_000, 50_000), filename: 'bomb.png', contentType: 'image/png' }), 422, 'MEDIA_TOO_MANY_PIXELS'],
      ['a file over the size cap', async () => ({ data: Buffer.concat([await photoJpeg(64, 48), Buffer.alloc(MAX_BYTES)]), filename: 'huge.jpg', contentType: 'image/jpeg' }), 413, 'MEDIA_TOO_LARGE'],
      ['no file at all', async () => null, 400, 'INVALID_INPUT'],
    ];
    for (const [name, make, status, code] of cases) {
      it(`${name}: ${status} ${code}`, async () => {
        const before = await snapshot();
        const res = await upload('author', await make(), { alt: 'بديل' });
        expect(res.statusCode, res.body).toBe(status);
        expect(res.json().error.code).toBe(code);
        expect(res.json().error.message).toMatch(/\w/);
        expect(await snapshot()).toEqual(before);
      });
    }

    it('refuses the pixel bomb from its header, before decoding (fast, small memory)', async () => {
      const started = performance.now();
      const rss = process.memoryUsage().rss;
      const res = await upload('author', { data: pngClaiming(50_000, 50_000), filename: 'bomb.png', contentType: 'image/png' });
      expect(res.json().error.code).toBe('MEDIA_TOO_MANY_PIXELS');
      // Decoding 2.5 gigapixels would take minutes and 7.5 GB; the header check takes milliseconds.
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    });
  });

  describe('accepted images', () => {
    it('turns a 12-MP JPEG with EXIF orientation 6 into oriented, metadata-free WebP and JPEG widths and crops', async () => {
      const media = await uploaded('author', { data: await twelveMegapixels(), filename: '../../صورة الكاميرا.JPG', contentType: 'image/jpeg' }, { alt: 'صورة', credit: 'وكالة' });
      expect(media).toMatchObject({ mimeType: 'image/jpeg', width: 3000, height: 4000, alt: 'صورة', credit: 'وكالة', originalName: 'صورة الكاميرا.JPG', uploadedBy: sessions.author.userId });
      // Keys come from a random folder, never from the uploader's file name.
      for (const v of [media, ...media.variants, ...media.crops]) expect(decodeURIComponent(v.url)).not.toMatch(/صورة|\.\./);

      for (const format of ['webp', 'jpeg']) {
        const variants = media.variants.filter((v) => v.format === format);
        expect(variants.map((v) => v.width)).toEqual(WIDTHS);
        for (const v of variants) {
          expect(Math.abs(v.height - (v.width * 4) / 3)).toBeLessThanOrEqual(1);
          const meta = await sharp(await fetchImage(v.url)).metadata();
          expect([meta.format, meta.width, meta.height]).toEqual([format, v.width, v.height]);
          expect(meta.exif).toBeUndefined();
        }
      }

      const original = await fetchImage(media.url);
      const meta = await sharp(original).metadata();
      expect([meta.format, meta.width, meta.height, meta.orientation, meta.exif]).toEqual(['jpeg', 3000, 4000, undefined, undefined]);
      expect(original.includes(EXIF_SECRET)).toBe(false);
      expect(original.includes('Exif')).toBe(false);

      // Orientation applied: the red block of the stored top-left is now at the top-right.
      const small = await sharp(await fetchImage(media.variants.find((v) => v.width === 320 && v.format === 'jpeg')!.url)).raw().toBuffer({ resolveWithObject: true });
      const pixel = (x: number, y: number) => [...small.data.subarray((y * small.info.width + x) * 3, (y * small.info.width + x) * 3 + 3)];
      expect(pixel(small.info.width - 5, 5)[0]).toBeGreaterThan(200);
      expect(pixel(small.info.width - 5, 5)[1]).toBeLessThan(60);
      expect(pixel(5, 5)[0]).toBeLessThan(200);

      expect(media.crops.map((c) => `${c.crop}/${c.format}`).sort()).toEqual(['16:9/jpeg', '16:9/webp', '1:1/jpeg', '1:1/webp', '4:3/jpeg', '4:3/webp']);
      for (const crop of media.crops) {
        expect(crop.width).toBe(1200);
        const expected = { '16:9': 16 / 9, '4:3': 4 / 3, '1:1': 1 }[crop.crop!];
        expect(Math.abs(ratioOf(crop) - expected)).toBeLessThan(0.002);
        const cropMeta = await sharp(await fetchImage(crop.url)).metadata();
        expect([cropMeta.width, cropMeta.height, cropMeta.exif]).toEqual([crop.width, crop.height, undefined]);
      }
    });

    it('keeps the alpha of a PNG in WebP and PNG variants, never wider than the original', async () => {
      const media = await uploaded('author', { data: await alphaPng(800, 600), filename: 'شعار.png', contentType: 'image/png' });
      expect([media.mimeType, media.width, media.height]).toEqual(['image/png', 800, 600]);
      expect(media.variants.filter((v) => v.format === 'webp').map((v) => v.width)).toEqual([320, 480, 640, 768, 800]);
      expect(media.variants.filter((v) => v.format === 'png').map((v) => v.width)).toEqual([320, 480, 640, 768, 800]);
      const webp = await sharp(await fetchImage(media.variants.find((v) => v.format === 'webp' && v.width === 640)!.url)).metadata();
      expect([webp.format, webp.hasAlpha, webp.width, webp.height]).toEqual(['webp', true, 640, 480]);
      expect(media.crops.map((c) => c.format).sort()).toEqual(['png', 'png', 'png', 'webp', 'webp', 'webp']);
      expect(media.crops.find((c) => c.crop === '16:9')).toMatchObject({ width: 800, height: 450 });
    });

    it('keeps a GIF animated in its variants; its crops are still frames', async () => {
      const media = await uploaded('author', { data: await animatedGif(400, 300, 3), filename: 'anim.gif', contentType: 'image/gif' });
      expect([media.mimeType, media.width, media.height]).toEqual(['image/gif', 400, 300]);
      for (const v of media.variants) {
        expect(v.width).toBeLessThanOrEqual(400);
        const meta = await sharp(await fetchImage(v.url), { animated: true }).metadata();
        expect([meta.format, meta.pages, meta.width, meta.pageHeight]).toEqual([v.format, 3, v.width, v.height]);
      }
      expect(media.variants.map((v) => `${v.format}${v.width}`).sort()).toEqual(['gif320', 'gif400', 'webp320', 'webp400']);
      const crop = media.crops.find((c) => c.crop === '1:1' && c.format === 'png')!;
      expect((await sharp(await fetchImage(crop.url), { animated: true }).metadata()).pages ?? 1).toBe(1);
    });

    it('stores a JPEG/HTML/ZIP polyglot only as pixels: the payload is gone', async () => {
      const media = await uploaded('author', { data: await jpegHtmlPolyglot(), filename: 'poly.jpg', contentType: 'image/jpeg' });
      for (const url of [media.url, ...media.variants.map((v) => v.url)]) {
        const bytes = await fetchImage(url);
        expect(bytes.includes('<script')).toBe(false);
        expect(bytes.includes('PK\x03\x04')).toBe(false);
      }
    });

    it('accepts AVIF (JPEG fallback) and adds AVIF widths after the response', async () => {
      const avif = await sharp(await photoJpeg(700, 400)).avif({ effort: 0 }).toBuffer();
      const media = await uploaded('editor', { data: avif, filename: 'still.avif', contentType: 'image/avif' });
      expect(media.mimeType).toBe('image/avif');
      expect(media.variants.filter((v) => v.format === 'jpeg').map((v) => v.width)).toEqual([320, 480, 640, 700]);
      const png = await uploaded('author', { data: await alphaPng(500, 300), filename: 'later.png', contentType: 'image/png' });
      const withAvif = await vi.waitFor(
        async () => {
          const item = (await call('GET', `/admin/api/media/${png.id}`, 'author')).json().media as MediaItem;
          if (!item.variants.some((v) => v.format === 'avif')) throw new Error('no AVIF yet');
          return item;
        },
        { timeout: 60_000, interval: 100 },
      );
      const avifs = withAvif.variants.filter((v) => v.format === 'avif');
      expect(avifs.map((v) => v.width)).toEqual([320, 480, 500]);
      const meta = await sharp(await fetchImage(avifs[0]!.url)).metadata();
      expect([meta.format, meta.width]).toEqual(['heif', 320]);
    });
  });

  describe('the library', () => {
    it('lists newest first with paging, and searches alt, caption, credit and file name (Arabic folded)', async () => {
      const a = await uploaded('author', { data: await photoJpeg(64, 48), filename: 'ميناء-طنجة.jpg', contentType: 'image/jpeg' }, { alt: 'الصورةُ الأولى' });
      const b = await uploaded('editor', { data: await photoJpeg(64, 48), filename: 'b.jpg', contentType: 'image/jpeg' }, { caption: 'مباراة الرجاء', credit: 'Reuters' });
      const page = (await call('GET', '/admin/api/media?perPage=2', 'author')).json();
      expect(page.items.map((m: MediaItem) => m.id)).toEqual([b.id, a.id]);
      expect(page.total).toBe(await store.media.count({}));
      const second = (await call('GET', '/admin/api/media?perPage=2&page=2', 'author')).json();
      expect(second.items.map((m: MediaItem) => m.id)).not.toContain(a.id);
      const ids = async (q: string) => (await call('GET', `/admin/api/media?q=${encodeURIComponent(q)}`, 'author')).json().items.map((m: MediaItem) => m.id);
      expect(await ids('الصورة الاولى')).toEqual([a.id]);
      expect(await ids('الرجاء')).toEqual([b.id]);
      expect(await ids('reuters')).toEqual([b.id]);
      expect(await ids('طنجة')).toEqual([a.id]);
      expect(await ids('100%_')).toEqual([]);
      expect((await call('GET', `/admin/api/media?uploadedBy=${sessions.editor.userId}&q=Reuters`, 'author')).json().items.map((m: MediaItem) => m.id)).toEqual([b.id]);
      expect((await call('GET', '/admin/api/media?perPage=500', 'author')).json().error.code).toBe('INVALID_INPUT');
    });

    it('lets authors edit their own uploads, editors anyone’s, and checks the fields', async () => {
      const mine = await uploaded('author', { data: await photoJpeg(64, 48), filename: 'm.jpg', contentType: 'image/jpeg' });
      const res = await call('PATCH', `/admin/api/media/${mine.id}`, 'author', { alt: '  نص بديل  ', caption: 'تعليق', credit: '' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().media).toMatchObject({ alt: 'نص بديل', caption: 'تعليق', credit: null });
      const other = await call('PATCH', `/admin/api/media/${mine.id}`, 'otherAuthor', { alt: 'x' });
      expect([other.statusCode, other.json().error.code]).toEqual([403, 'FORBIDDEN']);
      expect((await call('PATCH', `/admin/api/media/${mine.id}`, 'editor', { credit: 'المحرر' })).json().media.credit).toBe('المحرر');
      const bad = await call('PATCH', `/admin/api/media/${mine.id}`, 'author', { focalX: 1.5 });
      expect([bad.statusCode, bad.json().error.code, bad.json().error.field]).toEqual([400, 'INVALID_INPUT', 'focalX']);
      expect((await call('PATCH', '/admin/api/media/999999', 'editor', { alt: 'x' })).statusCode).toBe(404);
      expect((await store.media.findById(mine.id))?.alt).toBe('نص بديل');
    });

    it('recrops around a new focal point under new keys and removes the old crops', async () => {
      const media = await uploaded('author', { data: await photoJpeg(400, 300, 6), filename: 'r.jpg', contentType: 'image/jpeg' });
      // Shown 300 × 400 with the red block at the top-right (x ≥ 262, y < 50): the centred square misses it.
      const topRightRed = async (crop: MediaVariantItem) => {
        const { data, info } = await sharp(await fetchImage(crop.url)).raw().toBuffer({ resolveWithObject: true });
        const at = (2 * info.width - 3) * info.channels;
        return data[at]! > 200 && data[at + 1]! < 60;
      };
      const square = (m: MediaItem) => m.crops.find((c) => c.crop === '1:1' && c.format === 'jpeg')!;
      expect(await topRightRed(square(media))).toBe(false);
      const res = await call('PATCH', `/admin/api/media/${media.id}`, 'author', { focalX: 0.5, focalY: 0 });
      expect(res.statusCode, res.body).toBe(200);
      const moved = res.json().media as MediaItem;
      expect([moved.focalX, moved.focalY]).toEqual([0.5, 0]);
      expect(await topRightRed(square(moved))).toBe(true);
      expect(moved.crops.map((c) => c.url)).not.toContain(square(media).url);
      for (const old of media.crops) expect((await inject({ method: 'GET', url: old.url })).statusCode).toBe(404);
      expect(moved.variants.map((v) => v.url)).toEqual(expect.arrayContaining(media.variants.map((v) => v.url)));
    });

    it('lets only editors delete, and not an article’s featured image', async () => {
      const media = await uploaded('author', { data: await photoJpeg(64, 48), filename: 'd.jpg', contentType: 'image/jpeg' });
      const used = await uploaded('author', { data: await photoJpeg(64, 48), filename: 'u.jpg', contentType: 'image/jpeg' });
      await store.articles.create({ slug: 'مقال-بصورة', title: 'مقال بصورة', body: '<p>نص</p>', status: 'draft', readingMinutes: 1, featuredMediaId: used.id });
      const byAuthor = await call('DELETE', `/admin/api/media/${media.id}`, 'author');
      expect([byAuthor.statusCode, byAuthor.json().error.code]).toEqual([403, 'FORBIDDEN']);
      const inUse = await call('DELETE', `/admin/api/media/${used.id}`, 'editor');
      expect([inUse.statusCode, inUse.json().error.code]).toEqual([409, 'MEDIA_IN_USE']);
      expect(await store.media.findById(used.id)).not.toBeNull();

      const folder = path.join(mediaDir(), ...decodeURIComponent(media.url).replace('/media/', '').split('/').slice(0, -1));
      await site.khabar.settle();
      const stored = (await store.media.findById(media.id))!;
      expect(stored.variants.some((v) => v.format === 'avif')).toBe(true);
      expect(filesUnder(folder).length).toBe(1 + stored.variants.length);
      const done = await call('DELETE', `/admin/api/media/${media.id}`, 'editor');
      expect(done.statusCode, done.body).toBe(200);
      expect(await store.media.findById(media.id)).toBeNull();
      expect(filesUnder(folder)).toEqual([]);
      expect((await call('GET', `/admin/api/media/${media.id}`, 'editor')).statusCode).toBe(404);
    });
  });

  describe('public pages', () => {
    it('serve srcset in WebP and JPEG with sizes and dimensions, crops in JSON-LD and the 16:9 crop as og:image', async () => {
      const media = await uploaded('author', { data: await twelveMegapixels(), filename: 'p.jpg', contentType: 'image/jpeg' }, { alt: 'ميناء طنجة' });
      const other = await uploaded('author', { data: await photoJpeg(1000, 600), filename: 'o.jpg', contentType: 'image/jpeg' });
      const tag = await store.tags.create({ slug: 'موانئ', name: 'موانئ' });
      const publishedAt = new Date(TEST_NOW.getTime() - 3_600_000);
      const article = await store.articles.create({
        slug: 'ميناء-طنجة', title: 'ميناء طنجة', body: '<p>نص</p>', status: 'published', publishedAt, readingMinutes: 1, featuredMediaId: media.id, tagIds: [tag.id],
      });
      await store.articles.create({
        slug: 'خبر-آخر', title: 'خبر آخر', body: '<p>نص</p>', status: 'published', publishedAt: new Date(publishedAt.getTime() - 60_000), readingMinutes: 1, featuredMediaId: other.id, tagIds: [tag.id],
      });
      const url = encodePath(createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca').build({ id: article.id, slug: article.slug, publishedAt, categoryPath: '', authorSlug: '' }));
      const res = await inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const elements = elementsOf(res.body);

      const mediaImg = elements.filter((e) => e.name === 'img' && e.attribs.alt === 'ميناء طنجة');
      expect(mediaImg).toHaveLength(1);
      const img = mediaImg[0]!.attribs;
      expect([img.width, img.height]).toEqual(['3000', '4000']);
      expect(img.loading).toBeUndefined(); // the featured image is above the fold
      const jpegs = media.variants.filter((v) => v.format === 'jpeg');
      expect(img.srcset).toBe(jpegs.map((v) => `${v.url} ${v.width}w`).join(', '));
      expect(img.src).toBe(jpegs.find((v) => v.width === 1280)!.url);
      expect(img.sizes).toMatch(/760px/);
      const sources = elements.filter((e) => e.name === 'source' && e.attribs.srcset?.includes(media.url.split('/').slice(0, -1).join('/')));
      const webp = sources.find((s) => s.attribs.type === 'image/webp')!.attribs;
      expect(webp.srcset).toBe(media.variants.filter((v) => v.format === 'webp').map((v) => `${v.url} ${v.width}w`).join(', '));
      expect(webp.sizes).toBe(img.sizes);
      for (const s of sources) expect(s.attribs.srcset).not.toMatch(/crop|original/);

      // The related card's image is below the fold: lazy, with its own width and height.
      const related = elements.find((e) => e.name === 'img' && e.attribs.srcset?.includes(other.url.split('/').slice(0, -1).join('/')))!.attribs;
      expect([related.loading, related.width, related.height]).toEqual(['lazy', '1000', '600']);

      const meta = (property: string) => elements.find((e) => e.name === 'meta' && e.attribs.property === property)?.attribs.content;
      const wide = media.crops.find((c) => c.crop === '16:9' && c.format === 'jpeg')!;
      expect(meta('og:image')).toBe(`https://khabar.example${wide.url}`);
      expect([meta('og:image:width'), meta('og:image:height')]).toEqual(['1200', '675']);

      const ld = [...res.body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
      const news = ld.find((d) => d['@type'] === 'NewsArticle');
      const ratios = (['16:9', '4:3', '1:1'] as const).map((r) => media.crops.find((c) => c.crop === r && c.format === 'jpeg')!);
      expect(news.image).toEqual(ratios.map((c) => `https://khabar.example${c.url}`));
      for (const c of ratios) expect(c.width).toBeGreaterThanOrEqual(1200);

      // The <picture> markup is valid HTML (checked once: it does not depend on the store).
      if (hasJava && kind.name === 'sqlite') expect(vnuErrors(res.body)).toEqual([]);
      if (!hasJava && process.env.CI) throw new Error('CI needs Java for the Nu HTML checker');
    });
  });
});
