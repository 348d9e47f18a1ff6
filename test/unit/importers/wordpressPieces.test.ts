import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanSlug } from '../../../src/importers/wordpress/cleanSlug.js';
import { convertContent } from '../../../src/importers/wordpress/convertContent.js';
import { detectPermalink, oldPath, structureOf } from '../../../src/importers/wordpress/detectPermalink.js';
import { readPhpSerialized } from '../../../src/importers/wordpress/readPhpSerialized.js';
import { emptyChannel, readWxr } from '../../../src/importers/wordpress/readWxr.js';
import { toItem } from '../../../src/importers/wordpress/wxrRecords.js';

const data = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'wxr');

describe('readPhpSerialized', () => {
  it('reads strings by UTF-8 byte length, numbers, booleans, null, lists and maps', () => {
    expect(readPhpSerialized('a:3:{s:5:"title";s:6:"خبر";i:0;b:1;s:1:"n";N;}')).toEqual({ title: 'خبر', 0: true, n: null });
    expect(readPhpSerialized('a:2:{i:0;i:-4;i:1;d:0.5;}')).toEqual([-4, 0.5]);
  });
  it('reads objects as plain records, never instantiating a class', () => {
    const value = readPhpSerialized('O:7:"Exploit":1:{s:4:"file";s:9:"/etc/pass";}') as Record<string, unknown>;
    expect(value).toEqual({ file: '/etc/pass' });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
  it('refuses what is not serialized data, or lies about a length', () => {
    expect(() => readPhpSerialized('s:10:"short";')).toThrow(/not PHP-serialized/);
    expect(() => readPhpSerialized('a:1:{s:1:"a";s:1:"b";}junk')).toThrow(/trailing/);
    expect(() => readPhpSerialized('x:1;')).toThrow(/unknown type/);
  });
});

describe('cleanSlug', () => {
  it('decodes WordPress percent-encoded Arabic slugs and removes bidi controls, zero-width characters and BOMs', () => {
    expect(cleanSlug('%d8%a7%d9%84%d8%b1%d8%a8%d8%a7%d8%b7', 'x')).toBe('الرباط');
    expect(cleanSlug('\uFEFFhello-w\u202Eorld\u202C-\u200Btest', 'x')).toBe('hello-world-test');
    expect(cleanSlug('', 'عنوان المقال')).toBe('عنوان-المقال');
  });
});

describe('convertContent', () => {
  const attachments = { url: (id: string) => (id === '7' ? 'https://old.example/wp-content/uploads/a.jpg' : undefined), childrenOf: () => ['7'] };
  it('turns [caption], [gallery], [embed], [video] and bare provider URLs into allowed blocks', () => {
    const { html } = convertContent(
      '[caption id="a" width="300"]<img src="https://old.example/b.jpg"> صورة من الرباط[/caption]\n\n[gallery ids="7"]\n\n[embed]https://youtu.be/dQw4w9WgXcQ[/embed]\n\n[video mp4="https://old.example/v.mp4"][/video]\n\nhttps://x.com/user/status/12345',
      '1',
      attachments,
    );
    expect(html).toContain('<figcaption>صورة من الرباط</figcaption>');
    expect(html).toContain('src="https://old.example/wp-content/uploads/a.jpg"');
    expect(html).toContain('data-embed="youtube"');
    expect(html).toContain('data-embed="x"');
    expect(html).toContain('href="https://old.example/v.mp4"');
    expect(html).not.toMatch(/\[(caption|gallery|embed|video)/);
  });
  it('removes Gutenberg block comments and gives classic content paragraphs; scripts never survive', () => {
    expect(convertContent('<!-- wp:paragraph -->\n<p>نص</p>\n<!-- /wp:paragraph -->', '1', attachments).html).toBe('<p>نص</p>');
    expect(convertContent('سطر أول\nسطر ثان\n\nفقرة<script>alert(1)</script>', '1', attachments).html).toBe('<p>سطر أول<br />\nسطر ثان</p>\n<p>فقرة</p>');
  });
  it('reports shortcodes it leaves as text', () => {
    expect(convertContent('[contact-form-7 id="3"]', '1', attachments).unknownShortcodes).toEqual(['contact-form-7']);
  });
});

describe('permalink detection', () => {
  const base = { wpId: '163', slug: 'قمة-الرباط', localDate: '2020-03-04 05:06:07', categoryPaths: ['أخبار/رياضة'], authorSlug: 'salma' };
  it('tells the structure of each link', () => {
    expect(structureOf({ ...base, path: '/163.html' })).toBe('/%post_id%.html');
    expect(structureOf({ ...base, path: '/2020/03/قمة-الرباط/' })).toBe('/%year%/%monthnum%/%postname%/');
    expect(structureOf({ ...base, path: '/أخبار/رياضة/قمة-الرباط/' })).toBe('/%category%/%postname%/');
    expect(structureOf({ ...base, path: '/archives/163' })).toBe('/archives/%post_id%');
  });
  it('picks the structure most posts follow and reads old links like requests (decoded, base path removed)', () => {
    const path1 = oldPath('https://old.example/blog/2020/03/%d9%82%d9%85%d8%a9-%d8%a7%d9%84%d8%b1%d8%a8%d8%a7%d8%b7/', 'https://old.example/blog')!;
    expect(path1.path).toBe('/2020/03/قمة-الرباط/');
    const samples = [{ ...base, path: path1.path }, { ...base, path: '/2020/03/قمة-الرباط/' }, { ...base, path: '/163.html' }];
    expect(detectPermalink(samples)).toEqual({ structure: '/%year%/%monthnum%/%postname%/', matching: 2, total: 3 });
  });
});

describe.skipIf(!existsSync(data))('readWxr', () => {
  it('recognises WordPress elements by namespace URI: a rebound or hijacked wp: prefix is ignored', async () => {
    const channel = emptyChannel();
    const items = [];
    for await (const r of readWxr(path.join(data, 'wordpress-importer/phpunit/data/namespace-edge-cases.xml'), channel)) if (r.kind === 'item') items.push(toItem(r.node, channel.namespaces));
    expect(items.map((i) => i.wpId)).toEqual(['1', '2', '3', '4', null, '6']);
    expect(items[0]!.meta.map((m) => m.key)).toEqual(['normal_key']);
    expect(items[4]!.postType).toBeNull();
  });
  it('reads any prefix bound to the export namespace (wxr: instead of wp:)', async () => {
    const channel = emptyChannel();
    let items = 0;
    for await (const r of readWxr(path.join(data, 'humanmade-wordpress-importer/tests/data/export/small-ns-export.xml'), channel)) if (r.kind === 'item') items++;
    expect(channel.version).toBe('1.1');
    expect(items).toBe(11);
  });
  it('reads CDATA edge cases and stops at a broken one with its line', async () => {
    const channel = emptyChannel();
    const items = [];
    for await (const r of readWxr(path.join(data, 'wordpress-importer/phpunit/data/crazy-cdata-escaped.xml'), channel)) items.push(toItem(r.node, channel.namespaces));
    expect(items[0]!.content.length).toBeGreaterThan(0);
    const error = await (async () => {
      for await (const _ of readWxr(path.join(data, 'wordpress-importer/phpunit/data/crazy-cdata.xml'))) void _;
    })().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/line 18, column \d+/);
  });
});
