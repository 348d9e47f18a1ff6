import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from '../../../src/domain/html/sanitizeArticleHtml.js';

describe('sanitizeArticleHtml', () => {
  it('keeps the structure an article needs, with direction attributes', () => {
    const html = '<h2 dir="auto">عنوان</h2><p dir="rtl">قال <bdi>Emmanuel Macron</bdi> إن <strong>2026</strong> مهمة.</p><ul><li>أ</li></ul><blockquote><p>«نص»</p></blockquote>';
    expect(sanitizeArticleHtml(html)).toBe(html);
  });

  it.each([
    ['<script>alert(1)</script><p>نص</p>', '<p>نص</p>'],
    ['<p onclick="alert(1)" style="color:red">نص</p>', '<p>نص</p>'],
    ['<a href="javascript:alert(1)">رابط</a>', '<a>رابط</a>'],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
    ['<img src="x" onerror="alert(1)">', '<img src="x" />'],
    ['<svg><script>alert(1)</script></svg><p>ب</p>', '<p>ب</p>'],
    ['<iframe src="https://evil.example"></iframe>', ''],
  ])('neutralises %s', (input, expected) => {
    expect(sanitizeArticleHtml(input)).toBe(expected);
  });

  it('marks external links noopener', () => {
    expect(sanitizeArticleHtml('<a href="https://example.ma" target="_blank">موقع</a>')).toBe(
      '<a href="https://example.ma" target="_blank" rel="noopener noreferrer">موقع</a>',
    );
  });

  it("keeps the admin editor's block markers (embeds, library images, automatic direction) and only safe values of them", () => {
    const html =
      '<p dir="rtl" data-dir-auto>Microsoft أعلنت.</p><figure class="embed" data-embed="youtube" data-url="https://youtu.be/dQw4w9WgXcQ"><a href="https://youtu.be/dQw4w9WgXcQ" rel="noopener noreferrer">https://youtu.be/dQw4w9WgXcQ</a></figure>' +
      '<figure class="article-image" data-media-id="12"><img src="/media/a.webp" alt="ميناء" /><figcaption dir="auto">الميناء <span class="credit">MAP</span></figcaption></figure>';
    expect(sanitizeArticleHtml(html)).toBe(html);
    expect(sanitizeArticleHtml('<figure class="embed evil" data-embed="evil" data-url="javascript:alert(1)" data-media-id="1 or 1"><a>x</a></figure>')).toBe('<figure class="embed"><a>x</a></figure>');
    expect(sanitizeArticleHtml('<div class="embed" data-embed="youtube">x</div>')).toBe('x');
    expect(sanitizeArticleHtml('<span class="credit hidden" style="display:none">x</span>')).toBe('<span class="credit">x</span>');
  });
});
