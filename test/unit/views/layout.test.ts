import { describe, expect, it } from 'vitest';
import { renderHomePage, renderStaticPage } from '../../../src/views/render.js';
import { count } from './helpers.js';
import { cardView, headView, homePageView, siteView, staticPageView } from './fixtures.js';

describe('the page frame', () => {
  const html = renderStaticPage(staticPageView());

  it('starts with the doctype and sets language and direction from the site', () => {
    expect(html.startsWith('<!doctype html><html lang="ar" dir="rtl">')).toBe(true);
  });

  it('follows the site direction for a left-to-right locale', () => {
    const ltr = renderStaticPage(staticPageView({ site: siteView({ lang: 'fr', dir: 'ltr' }) }));
    expect(ltr).toContain('<html lang="fr" dir="ltr">');
  });

  it('writes the head: charset, viewport, title, description, canonical, stylesheet, font preload', () => {
    expect(html).toContain('<meta charset="utf-8"/>');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain('<title>من نحن — خبر</title>');
    expect(html).toContain('<meta name="description" content="آخر أخبار المغرب والعالم"/>');
    expect(html).toContain('<link rel="canonical" href="https://khabar.example/page/من-نحن"/>');
    expect(html).toContain('<link rel="stylesheet" href="/assets/css/site.3f2a1b.css"/>');
    expect(html).toMatch(
      /<link rel="preload" href="\/assets\/fonts\/noto-naskh-arabic-arabic-400\.v1\.woff2" as="font" type="font\/woff2" crossorigin="anonymous"\/>/,
    );
    expect(html).toContain('<meta name="theme-color"');
  });

  it('adds a robots meta only when asked', () => {
    expect(html).not.toContain('name="robots"');
    const noindex = renderStaticPage(staticPageView({ head: headView({ robots: 'noindex' }) }));
    expect(noindex).toContain('<meta name="robots" content="noindex"/>');
  });

  it('escapes markup in the title and description instead of inserting it', () => {
    const hostile = renderStaticPage(
      staticPageView({ head: headView({ title: '<script>alert(1)</script>', description: '"><script>x</script>' }) }),
    );
    expect(hostile).not.toContain('<script');
    expect(hostile).toContain('<title>&lt;script>alert(1)&lt;/script></title>');
    expect(hostile).toContain('content="&quot;>&lt;script>x&lt;/script>"');
  });

  it('has a skip link and the landmarks: header, section nav, main, footer', () => {
    expect(html).toContain('<a class="skip-link" href="#content">انتقل إلى المحتوى</a>');
    expect(html).toContain('<header class="site-header">');
    expect(html).toContain('<nav class="site-nav" aria-label="الأقسام">');
    expect(html).toContain('<main id="content" tabindex="-1">');
    expect(html).toContain('<footer class="site-footer">');
    expect(count(html, '<main')).toBe(1);
  });

  it('marks the active section in the navigation', () => {
    expect(html).toContain('<a href="/section/اقتصاد" aria-current="page">اقتصاد</a>');
    expect(count(html, 'aria-current="page"')).toBe(1);
  });

  it("shows today's date with a machine-readable datetime, Moroccan month names untouched", () => {
    expect(html).toContain('<time datetime="2025-09-15T09:00:00+01:00">الاثنين 15 شتنبر 2025</time>');
  });

  it('has a GET search form to /search with an Arabic label for the q input', () => {
    expect(html).toMatch(/<form class="search-form" role="search" action="\/search" method="get">/);
    expect(html).toMatch(/<label for="site-search-q">ابحث في الموقع<\/label><input id="site-search-q" type="search" name="q"/);
  });

  it('leaves the search form out while the site has no search', () => {
    const without = renderHomePage(homePageView({ site: siteView({ searchEnabled: false }) }));
    expect(without).not.toContain('role="search"');
  });

  it('shows the site name as text without a logo, and an image with alt when there is one', () => {
    expect(html).toContain('<a class="site-logo" href="/" rel="home"><span class="site-name">خبر</span></a>');
    const withLogo = renderStaticPage(staticPageView({ site: siteView({ logoUrl: '/assets/logo.svg' }) }));
    expect(withLogo).toContain('<img src="/assets/logo.svg" alt="خبر"');
  });

  it('shows the breaking bar only when there is breaking news', () => {
    expect(html).not.toContain('class="breaking"');
    const breaking = renderHomePage(
      homePageView({ site: siteView({ breaking: [cardView(99, { title: 'زلزال بقوة 5 درجات', isBreaking: true })] }) }),
    );
    expect(breaking).toContain('<strong class="breaking-label" id="breaking-label">عاجل</strong>');
    expect(breaking).toContain('<a href="/article/99">زلزال بقوة <bdi>5</bdi> درجات</a>');
  });

  it('ends with a footer: sections, site pages, social links, copyright year from today', () => {
    expect(html).toContain('<a href="/page/من-نحن">من نحن</a>');
    expect(html).toContain('<a class="social-facebook" href="https://www.facebook.com/khabar" rel="noopener" target="_blank">فيسبوك</a>');
    expect(html).toContain('© 2025 خبر');
  });

  it('links no third-party origin except the share, follow and social URLs it was given', () => {
    const urls = [...html.matchAll(/(?:href|src)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.sort()).toEqual(['https://khabar.example/page/من-نحن', 'https://www.facebook.com/khabar']);
  });

  it('ships no script at all', () => {
    for (const page of [html, renderHomePage(homePageView())]) expect(page).not.toContain('<script');
  });
});

describe('the follow block', () => {
  it('is absent when neither WhatsApp nor Google News is configured', () => {
    const html = renderStaticPage(staticPageView());
    expect(html).not.toContain('class="follow"');
    expect(html).not.toContain('تابع آخر الأخبار');
  });

  it('shows only the configured link', () => {
    const html = renderStaticPage(
      staticPageView({ site: siteView({ follow: { whatsapp: 'https://whatsapp.com/channel/abc', googleNews: null } }) }),
    );
    expect(html).toContain('تابع آخر الأخبار من خبر على');
    expect(html).toContain('<a class="follow-whatsapp" href="https://whatsapp.com/channel/abc" rel="noopener" target="_blank">واتساب</a>');
    expect(html).not.toContain('follow-google-news');
  });

  it('shows both links when both are configured', () => {
    const html = renderStaticPage(
      staticPageView({
        site: siteView({ follow: { whatsapp: 'https://whatsapp.com/channel/abc', googleNews: 'https://news.google.com/publications/xyz' } }),
      }),
    );
    expect(html).toContain('follow-whatsapp');
    expect(html).toContain(
      '<a class="follow-google-news" href="https://news.google.com/publications/xyz" rel="noopener" target="_blank">أخبار <bdi>Google</bdi></a>',
    );
  });
});
