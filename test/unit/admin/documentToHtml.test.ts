import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { documentToHtml } from '../../../admin/src/editor/documentToHtml.js';
import { parseEmbedUrl } from '../../../src/domain/html/embedUrl.js';
import { firstStrongDirection, renderedDir, wordDirection } from '../../../admin/src/editor/textDirection.js';

const p = (text: string, dir?: string): JSONContent => ({ type: 'paragraph', ...(dir ? { attrs: { dir } } : {}), content: [{ type: 'text', text }] });
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

describe('the editor HTML output', () => {
  it('gives every paragraph and heading dir="auto" when the browser rule is right', () => {
    const html = documentToHtml(
      doc(p('أعلنت الوزارة اليوم عن برنامج جديد.'), { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'عنوان فرعي' }] }, p('Le ministre a parlé.')),
    );
    expect(html).toBe('<p dir="auto">أعلنت الوزارة اليوم عن برنامج جديد.</p><h2 dir="auto">عنوان فرعي</h2><p dir="auto">Le ministre a parlé.</p>');
  });

  it('makes an Arabic sentence that starts with a Latin name right-to-left, where dir=auto alone would not', () => {
    const sentence = 'Microsoft أعلنت اليوم عن نتائجها للربع الثالث من 2026.';
    expect(firstStrongDirection(sentence)).toBe('ltr');
    expect(wordDirection(sentence)).toBe('rtl');
    expect(documentToHtml(doc(p(sentence)))).toBe(`<p dir="rtl" data-dir-auto="">${sentence}</p>`);
    // A French sentence quoting an Arabic name stays left-to-right.
    expect(renderedDir('auto', 'Le ministre عبد اللطيف a déclaré hier.')).toBe('auto');
    expect(wordDirection('Le ministre عبد اللطيف a déclaré hier.')).toBe('ltr');
  });

  it('keeps a manual direction override as typed', () => {
    expect(documentToHtml(doc(p('أعلنت الوزارة', 'ltr'), p('Casablanca', 'rtl')))).toBe('<p dir="ltr">أعلنت الوزارة</p><p dir="rtl">Casablanca</p>');
  });

  it('renders marks, links, lists, quotes and tables, escaping text', () => {
    const html = documentToHtml(
      doc(
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'قال ' },
            { type: 'text', text: '<b>', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' الموقع', marks: [{ type: 'link', attrs: { href: 'https://example.ma/?a=1&b="2"' } }] },
          ],
        },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p('بند')] }] },
        { type: 'blockquote', content: [p('اقتباس')] },
        { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [p('السنة')] }, { type: 'tableCell', content: [p('2026')] }] }] },
      ),
    );
    expect(html).toContain('<p dir="auto">قال <strong>&lt;b&gt;</strong><a rel="noopener noreferrer" href="https://example.ma/?a=1&amp;b=&quot;2&quot;"> الموقع</a></p>');
    expect(html).toContain('<ul><li><p dir="auto">بند</p></li></ul>');
    expect(html).toContain('<blockquote><p dir="auto">اقتباس</p></blockquote>');
    expect(html).toMatch(/<table[^>]*>.*<th[^>]*><p dir="auto">السنة<\/p><\/th><td[^>]*><p dir="auto">2026<\/p><\/td>.*<\/table>/);
    expect(html).not.toContain('<script');
  });

  it('stores embeds as blocks holding only the URL (no script, no iframe)', () => {
    const html = documentToHtml(doc(p('قبل'), { type: 'embed', attrs: { provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' } }, p('بعد')));
    expect(html).toBe(
      '<p dir="auto">قبل</p><figure class="embed" data-embed="youtube" data-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" dir="ltr" rel="noopener noreferrer">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></figure><p dir="auto">بعد</p>',
    );
    expect(html).not.toMatch(/<iframe|<script/);
  });

  it('renders images with alt, caption and credit', () => {
    const html = documentToHtml(doc({ type: 'figure', attrs: { src: '/media/a.jpg', alt: 'ميناء طنجة', caption: 'ميناء طنجة المتوسط', credit: 'AFP', mediaId: 7 } }));
    expect(html).toBe(
      '<figure class="article-image" data-media-id="7"><img src="/media/a.jpg" alt="ميناء طنجة" loading="lazy"><figcaption dir="auto">ميناء طنجة المتوسط <span class="credit" dir="auto">AFP</span></figcaption></figure>',
    );
  });
});

describe('embed URLs', () => {
  it.each([
    ['https://youtu.be/dQw4w9WgXcQ', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://www.youtube.com/shorts/dQw4w9WgXcQ', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://twitter.com/hespress/status/1234567890123', 'x', 'https://x.com/hespress/status/1234567890123'],
    ['https://x.com/hespress/status/1234567890123?s=20', 'x', 'https://x.com/hespress/status/1234567890123'],
    ['https://www.instagram.com/p/C0abcDEF123/', 'instagram', 'https://www.instagram.com/p/C0abcDEF123/'],
    ['https://www.facebook.com/hespress/posts/pfbid02abc', 'facebook', 'https://www.facebook.com/hespress/posts/pfbid02abc'],
  ])('recognizes %s', (url, provider, canonical) => {
    expect(parseEmbedUrl(url)).toEqual({ provider, url: canonical });
  });

  it.each(['https://example.ma/video', 'javascript:alert(1)', 'https://youtu.be/short', 'https://x.com/hespress', 'not a url', 'https://www.facebook.com/'])('refuses %s', (url) => {
    expect(parseEmbedUrl(url)).toBeNull();
  });
});
