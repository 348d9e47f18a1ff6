import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { cdata, createWxrWriter, phpSerialize, type WxrItem } from '../support/wxr/writeWxr.js';
import { uniqueSlug, utf8UriEncode, wpSanitizeTitle, WP_SLUG_MAX } from '../support/wxr/wpSlug.js';

/** The test exports' writer must write what WordPress writes, or the import tests prove nothing. */

const importerData = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'wxr', 'wordpress-importer');
/** A real WordPress 6.5.4 export (one post), and a WordPress 3.1 one with a comment. */
const realExport = path.join(importerData, 'e2e', 'fixtures', 'wxr-base-url-rewriting.xml');
const realWithComment = path.join(importerData, 'phpunit', 'data', 'slashes.xml');

/** Child element names of each `<item>`, in order, and the channel's children. */
function outline(xml: string): { channel: string[]; items: string[][] } {
  const channel: string[] = [];
  const items: string[][] = [];
  const stack: string[] = [];
  const parser = new Parser(
    {
      onopentag(name) {
        const parent = stack.at(-1);
        if (parent === 'channel') channel.push(name);
        if (parent === 'item') items.at(-1)!.push(name);
        if (name === 'item') items.push([]);
        stack.push(name);
      },
      onclosetag() {
        stack.pop();
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return { channel, items };
}

async function writeOne(items: WxrItem[]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const w = await createWxrWriter(
    out,
    { title: 'أخبار', url: 'https://akhbar.example', description: 'وصف', language: 'ar', permalinkStructure: '/%category%/%postname%/', timeZone: 'Africa/Casablanca', created: new Date('2026-01-01T00:00:00Z') },
    {
      authors: [{ id: 1, login: 'ahmed.benali', email: 'a@akhbar.example', displayName: 'أحمد بن علي' }],
      categories: [
        { termId: 3, slug: wpSanitizeTitle('رياضة'), parent: null, name: 'رياضة' },
        { termId: 4, slug: wpSanitizeTitle('كرة القدم'), parent: wpSanitizeTitle('رياضة'), name: 'كرة القدم' },
      ],
      tags: [{ termId: 9, slug: wpSanitizeTitle('الترجي'), name: 'الترجي' }],
    },
  );
  const links: string[] = [];
  for (const item of items) links.push(await w.item(item));
  await w.end();
  return Buffer.concat(chunks).toString('utf8') + `\n<!-- links: ${links.join(' ')} -->`;
}

describe('WordPress slugs (sanitize_title_with_dashes)', () => {
  it('percent-encodes Arabic with lowercase hex and joins words with hyphens', () => {
    expect(wpSanitizeTitle('مرحبا بالعالم')).toBe('%d9%85%d8%b1%d8%ad%d8%a8%d8%a7-%d8%a8%d8%a7%d9%84%d8%b9%d8%a7%d9%84%d9%85');
    expect(wpSanitizeTitle('"غدوة حيّ" : الفيلم… 2017')).toBe(`${utf8UriEncode('غدوة')}-${utf8UriEncode('حيّ')}-${utf8UriEncode('الفيلم')}-2017`);
    expect(wpSanitizeTitle('Hello World.')).toBe('hello-world');
  });

  it('cuts at 200 encoded bytes without splitting a letter, as WordPress does (about 33 Arabic letters)', () => {
    const slug = wpSanitizeTitle('ا'.repeat(60));
    expect(slug.length).toBe(198);
    expect(decodeURIComponent(slug)).toBe('ا'.repeat(33));
  });

  it('adds -2, -3 to taken slugs, shortened so they stay within 200 bytes', () => {
    const taken = new Set<string>();
    const long = wpSanitizeTitle('ب'.repeat(40));
    expect(uniqueSlug(long, taken)).toBe(long);
    // 33 letters are 198 bytes: "-2" still fits; "-10" does not, and a letter goes.
    expect(uniqueSlug(long, taken)).toBe(`${long}-2`);
    for (let n = 3; n <= 9; n++) uniqueSlug(long, taken);
    const tenth = uniqueSlug(long, taken);
    expect(tenth).toBe(`${utf8UriEncode('ب'.repeat(32))}-10`);
    expect(tenth.length).toBeLessThanOrEqual(WP_SLUG_MAX);
  });
});

describe('the WXR writer', () => {
  it("writes an item with the same elements, in the same order, as WordPress's own export", async () => {
    const real = outline(readFileSync(realExport, 'utf8'));
    const realPost = real.items[0]!;
    const realComment = outline(readFileSync(realWithComment, 'utf8')).items[0]!;
    const ours = outline(
      await writeOne([
        {
          id: 5,
          type: 'post',
          title: 'خبر',
          slug: wpSanitizeTitle('خبر'),
          content: '<p>نص</p>',
          date: new Date('2025-03-01T10:00:00Z'),
          author: 'ahmed.benali',
          status: 'publish',
          categories: [wpSanitizeTitle('كرة القدم')],
          tags: [wpSanitizeTitle('الترجي')],
          meta: [['_edit_last', '1']],
          comments: [{ id: 1, author: 'قارئ', authorEmail: 'r@mail.example', authorUrl: '', authorIp: '196.0.0.1', date: new Date('2025-03-01T11:00:00Z'), content: 'شكرا', approved: '1', type: 'comment', parent: 0, userId: 0 }],
        },
      ]),
    );
    const dedupe = (names: string[]) => names.filter((n, i) => n !== names[i - 1]);
    expect(dedupe(ours.items[0]!)).toEqual([...dedupe(realPost), 'wp:comment']);
    expect(realComment.at(-1)).toBe('wp:comment');
    expect(ours.channel.filter((n) => !n.startsWith('wp:') || n === 'wp:wxr_version')).toEqual(real.channel.filter((n) => !n.startsWith('wp:') || n === 'wp:wxr_version'));
  });

  it('links posts with the permalink structure (categories with their parents), drafts with ?p=, attachments under their post', async () => {
    const base = { content: '', author: 'ahmed.benali', date: new Date('2025-03-01T10:00:00Z') };
    const xml = await writeOne([
      { ...base, id: 5, type: 'post', title: 'خبر', slug: wpSanitizeTitle('خبر'), status: 'publish', categories: [wpSanitizeTitle('كرة القدم')] },
      { ...base, id: 6, type: 'attachment', title: 'IMG_1', slug: 'img_1', status: 'inherit', parent: 5, attachmentUrl: 'https://akhbar.example/wp-content/uploads/2025/03/IMG_1.jpg' },
      { ...base, id: 7, type: 'post', title: 'مسودة', slug: '', status: 'draft' },
    ]);
    const links = /<!-- links: (.*) -->/.exec(xml)![1]!.split(' ');
    const cat = `${wpSanitizeTitle('رياضة')}/${wpSanitizeTitle('كرة القدم')}`;
    expect(links).toEqual([
      `https://akhbar.example/${cat}/${wpSanitizeTitle('خبر')}/`,
      `https://akhbar.example/${cat}/${wpSanitizeTitle('خبر')}/attachment/img_1/`,
      'https://akhbar.example/?p=7',
    ]);
    expect(xml).toContain('<pubDate>Mon, 30 Nov -0001 00:00:00 +0000</pubDate>');
    expect(xml).toContain('<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>');
  });

  it('splits ]]> inside CDATA as wxr_cdata does, drops characters XML forbids, and serializes PHP arrays by bytes', () => {
    expect(cdata('a]]>b\u0001')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(phpSerialize({ file: 'صورة.jpg', width: 800, sizes: {} })).toBe('a:3:{s:4:"file";s:12:"صورة.jpg";s:5:"width";i:800;s:5:"sizes";a:0:{}}');
  });
});
