import { readdirSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, signIn, type AdminSession } from '../support/adminSessions.js';
import { animatedGif, jpegHtmlPolyglot, multipart, photoJpeg } from '../support/images.js';
import { openTestSite, type TestSite } from '../support/khabar.js';

const CANARY = 'CANARY-outside-the-media-folder-7f3a';

/** Sends `target` byte for byte (no client-side normalisation of `..` or `\`), returns status and body. */
function rawGet(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(Buffer.concat([Buffer.from('GET '), Buffer.from(target, 'latin1'), Buffer.from(' HTTP/1.1\r\nHost: khabar.example\r\nConnection: close\r\n\r\n')]));
    });
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), body: data }));
  });
}

/** The UTF-8 bytes of `text` as a latin1 string (what a client sends raw on the wire). */
const rawUtf8 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** A JPEG header (SOI, SOF0) claiming `width` × `height`, then the end marker. */
function jpegClaiming(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.from([0xff, 0xd9])]);
}

/** A WebP (VP8X) header claiming `width` × `height`. */
function webpClaiming(width: number, height: number): Buffer {
  const vp8x = Buffer.alloc(18);
  vp8x.write('VP8X', 0, 'ascii');
  vp8x.writeUInt32LE(10, 4);
  vp8x.writeUIntLE(width - 1, 12, 3);
  vp8x.writeUIntLE(height - 1, 15, 3);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(4 + vp8x.length, 4);
  riff.write('WEBP', 8, 'ascii');
  return Buffer.concat([riff, vp8x]);
}

describe('paths and uploads', () => {
  let site: TestSite;
  let port: number;
  let author: AdminSession;
  const mediaDir = () => path.join(site.dataDir, 'media');

  beforeAll(async () => {
    site = await openTestSite({ overrides: { media: { maxPixels: 1_000_000, avif: false } } });
    writeFileSync(path.join(site.dataDir, 'secret.txt'), CANARY);
    ({ author } = await signIn(site.khabar, { author: 'author' }));
    await site.khabar.app.listen({ port: 0, host: '127.0.0.1' });
    port = (site.khabar.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await site.dispose();
  });

  it('refuses traversal out of /media/, /assets/ and /admin/assets/ in every spelling', async () => {
    const demoFile = filesUnder(mediaDir()).find((f) => f.startsWith('demo/'))!;
    expect((await rawGet(port, `/media/${demoFile}`)).status).toBe(200);
    const escapes = [
      '../secret.txt',
      '..%2fsecret.txt',
      '%2e%2e/secret.txt',
      '%2e%2e%2fsecret.txt',
      '%2E%2E%2Fsecret.txt',
      '.%2e/secret.txt',
      '%252e%252e/secret.txt',
      '%252e%252e%252fsecret.txt',
      '..\\secret.txt',
      '..%5csecret.txt',
      '%2e%2e%5csecret.txt',
      'demo/../../secret.txt',
      'demo/..%2f..%2fsecret.txt',
      'demo%2f..%2f..%2fsecret.txt',
      '%c0%ae%c0%ae/secret.txt',
      '%c0%ae%c0%ae%c0%afsecret.txt',
      '%ef%bc%8e%ef%bc%8e/secret.txt',
      `${rawUtf8('\uff0e\uff0e')}/secret.txt`,
      `${rawUtf8('\uff0e\uff0e\uff0f')}secret.txt`,
      `${rawUtf8('\u2024\u2024')}/secret.txt`,
      '..%00/secret.txt',
      '%00../secret.txt',
      `demo/${demoFile.slice(5)}%00.txt`,
      '....//secret.txt',
      '..;/secret.txt',
      '/%2e%2e/secret.txt',
      '//secret.txt',
    ];
    const answered = new Map<number, number>();
    for (const prefix of ['/media/', '/assets/', '/admin/assets/', '/']) {
      for (const escape of escapes) {
        const target = `${prefix}${escape}`;
        const res = await rawGet(port, target);
        answered.set(res.status, (answered.get(res.status) ?? 0) + 1);
        expect(res.body, target).not.toContain(CANARY);
        expect([301, 400, 403, 404], `${target} → ${res.status}`).toContain(res.status);
        // A redirect never points outside the site.
        if (res.status === 301) expect(/\r\nlocation: ([^\r]*)/i.exec(res.body)?.[1] ?? '', target).toMatch(/^\/(?!\/)/);
      }
    }
    expect(answered.get(200)).toBeUndefined();
  });

  async function upload(file: { data: Buffer; filename: string; contentType: string }) {
    const body = multipart([{ name: 'file', ...file }, { name: 'alt', value: 'بديل' }]);
    return site.khabar.app.inject({ method: 'POST', url: '/admin/api/media', payload: body.payload, headers: { ...body.headers, origin: ORIGIN, cookie: author.cookie, 'x-csrf-token': author.csrf } });
  }

  it('refuses pixel floods, frame floods, disguised documents and scripts, and writes nothing anywhere', async () => {
    const outside = filesUnder(site.dataDir).filter((f) => !f.startsWith('media/') && !f.startsWith('khabar.db'));
    const media = filesUnder(mediaDir());
    const cases: Array<[string, Buffer, string, string[]]> = [
      ['a JPEG header claiming 60,000 × 60,000', jpegClaiming(60_000, 60_000), 'bomb.jpg', ['MEDIA_TOO_MANY_PIXELS', 'MEDIA_CORRUPT']],
      ['a WebP header claiming 16,384 × 16,384', webpClaiming(16_384, 16_384), 'bomb.webp', ['MEDIA_TOO_MANY_PIXELS', 'MEDIA_CORRUPT']],
      ['a GIF whose 30 frames together pass the pixel cap', await animatedGif(200, 200, 30), 'frames.gif', ['MEDIA_TOO_MANY_PIXELS']],
      ['JPEG magic bytes in front of an HTML page', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html><script>alert(1)</script>')]), 'page.jpg', ['MEDIA_CORRUPT']],
      ['PNG magic bytes in front of script', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from('<script>alert(1)</script>')]), 'x.png', ['MEDIA_CORRUPT']],
      ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\n%%EOF'), 'doc.pdf', ['MEDIA_TYPE_UNSUPPORTED']],
      ['a TIFF', Buffer.from('II*\x00\x08\x00\x00\x00', 'latin1'), 'scan.tif', ['MEDIA_TYPE_UNSUPPORTED']],
      ['an SVG with an onload handler', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'a.svg', ['MEDIA_TYPE_UNSUPPORTED']],
      ['an SVG behind a UTF-8 BOM, named .gif', Buffer.from('\ufeff<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'a.gif', ['MEDIA_TYPE_UNSUPPORTED']],
      ['an HTML file named .jpg', Buffer.from('<!doctype html><script>alert(1)</script>'), 'x.jpg', ['MEDIA_TYPE_UNSUPPORTED']],
      ['a ZIP named .jpg', Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1'), 'x.jpg', ['MEDIA_TYPE_UNSUPPORTED']],
    ];
    for (const [what, data, filename, codes] of cases) {
      const res = await upload({ data, filename, contentType: 'image/jpeg' });
      expect([413, 415, 422], `${what}: ${res.body}`).toContain(res.statusCode);
      expect(codes, `${what}: ${res.body}`).toContain(res.json().error.code);
    }
    expect(filesUnder(mediaDir())).toEqual(media);
    expect(filesUnder(site.dataDir).filter((f) => !f.startsWith('media/') && !f.startsWith('khabar.db'))).toEqual(outside);
  });

  it('stores accepted uploads under the media folder only, whatever the file name says, and re-encodes polyglots', async () => {
    const outside = filesUnder(site.dataDir).filter((f) => !f.startsWith('media/') && !f.startsWith('khabar.db'));
    for (const filename of ['../../../secret.jpg', '..\\..\\evil.jpg', '/etc/cron.d/x.jpg', '%2e%2e%2fx.jpg', 'a\u0000b.jpg', '\u202egpj.exe.jpg']) {
      const res = await upload({ data: await photoJpeg(64, 48), filename, contentType: 'image/jpeg' });
      expect(res.statusCode, `${filename}: ${res.body}`).toBe(201);
      const item = res.json().media as { url: string };
      expect(decodeURIComponent(item.url)).toMatch(/^\/media\/\d{4}\/\d{2}\/[0-9a-f]{20}\/[\w.-]+$/);
    }
    const poly = await upload({ data: await jpegHtmlPolyglot(), filename: 'poly.jpg', contentType: 'image/jpeg' });
    expect(poly.statusCode).toBe(201);
    const stored = await rawGet(port, (poly.json().media as { url: string }).url);
    expect(stored.status).toBe(200);
    expect(stored.body).not.toContain('<script');
    expect(stored.body).toMatch(/content-security-policy: [^\r]*sandbox/i);
    expect(filesUnder(site.dataDir).filter((f) => !f.startsWith('media/') && !f.startsWith('khabar.db'))).toEqual(outside);
  });
});
