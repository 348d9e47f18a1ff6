import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { sanitizeArticleHtml } from '../../src/domain/html/sanitizeArticleHtml.js';
import { renderEmbedsForReaders } from '../../src/web/public/renderEmbedsForReaders.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');

/** An embed block as the admin editor stores it (admin/src/editor/Embed.ts), after the server's sanitizer. */
const block = (provider: string, url: string) => {
  const attr = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return sanitizeArticleHtml(`<figure class="embed" data-embed="${provider}" data-url="${attr}"><a href="${attr}">${attr}</a></figure>`);
};

describe('embeds on reading pages', () => {
  it('turn each stored embed block into a click-to-load block with the provider frame held back', () => {
    const cases: Array<[string, string, string]> = [
      ['youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1'],
      ['x', 'https://x.com/hespress/status/1234567890123', 'https://platform.twitter.com/embed/Tweet.html?id=1234567890123&amp;lang=ar'],
      ['instagram', 'https://www.instagram.com/p/CxYz12345/', 'https://www.instagram.com/p/CxYz12345/embed/'],
      ['facebook', 'https://www.facebook.com/hespress/posts/123456', `https://www.facebook.com/plugins/post.php?href=${encodeURIComponent('https://www.facebook.com/hespress/posts/123456')}&amp;show_text=true`],
    ];
    for (const [provider, url, frame] of cases) {
      const { html, hasEmbeds } = renderEmbedsForReaders(`<p>قبل</p>${block(provider, url)}<p>بعد</p>`);
      expect(hasEmbeds, provider).toBe(true);
      expect(html).toContain(`<figure class="embed embed-${provider}" data-frame="${frame}">`);
      expect(html).toContain(`<a class="embed-load" href="${url}" rel="noopener noreferrer" target="_blank"`);
      expect(html).not.toContain('<iframe');
      expect(html.startsWith('<p>قبل</p>') && html.endsWith('<p>بعد</p>')).toBe(true);
    }
  });

  it('leave image figures, unknown providers and foreign URLs as they are', () => {
    const image = '<figure class="article-image" data-media-id="3"><img src="/media/a.jpg" alt="" /><figcaption>صورة</figcaption></figure>';
    expect(renderEmbedsForReaders(image)).toEqual({ html: image, hasEmbeds: false });
    const foreign = block('youtube', 'https://evil.example/watch?v=dQw4w9WgXcQ');
    expect(renderEmbedsForReaders(foreign)).toEqual({ html: foreign, hasEmbeds: false });
  });

  it('escape what they write back into attributes', () => {
    const url = 'https://www.facebook.com/page/posts/1?x="><script>alert(1)</script>';
    const { html, hasEmbeds } = renderEmbedsForReaders(block('facebook', url));
    expect(hasEmbeds).toBe(true);
    expect(html).not.toMatch(/<script/i);
    // One figure, one link: nothing broke out of an attribute.
    expect(html.match(/<figure/g)).toHaveLength(1);
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain('x=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"');
  });
});

describe('an article with an embed, over HTTP', () => {
  let site: TestSite;
  let url: string;
  let plainUrl: string;
  beforeAll(async () => {
    site = await openTestSite();
    const { store } = site.khabar;
    const publishedAt = new Date(TEST_NOW.getTime() - 3_600_000);
    await store.articles.create({
      slug: 'فيديو-المباراة',
      title: 'فيديو المباراة',
      body: `<p>شاهدوا الأهداف:</p>${block('youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ')}`,
      status: 'published',
      publishedAt,
      readingMinutes: 1,
    });
    await store.articles.create({ slug: 'خبر-بلا-فيديو', title: 'خبر بلا فيديو', body: '<p>نص</p>', status: 'published', publishedAt, readingMinutes: 1 });
    const build = (slug: string) => encodePath(permalink.build({ id: 0, slug, publishedAt, categoryPath: '', authorSlug: '' }));
    url = build('فيديو-المباراة');
    plainUrl = build('خبر-بلا-فيديو');
  });
  afterAll(() => site.dispose());

  it('loads the embeds script only where an embed is, and the script is served with a long cache', async () => {
    const res = await site.khabar.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    const src = /<script src="(\/assets\/embeds\.[A-Za-z0-9_-]+\.js)" defer><\/script>/.exec(res.body)?.[1];
    expect(src).toBeDefined();
    expect(res.body).toContain('data-frame="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"');
    const script = await site.khabar.app.inject({ method: 'GET', url: src! });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.body.length).toBeLessThan(5_000);
    const plain = await site.khabar.app.inject({ method: 'GET', url: plainUrl });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toContain('<script src=');
  });

  it('allows first-party scripts and frames from the embed providers only', async () => {
    const csp = String((await site.khabar.app.inject({ method: 'GET', url })).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('frame-src https://www.youtube-nocookie.com https://platform.twitter.com https://www.instagram.com https://www.facebook.com');
    expect(csp).not.toMatch(/unsafe-inline[^;]*script|script-src[^;]*unsafe/);
  });
});
