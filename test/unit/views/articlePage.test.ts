import { describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../../src/views/render.js';
import { count } from './helpers.js';
import { articlePageView, articlePageWith, cardView, headView, siteView } from './fixtures.js';

describe('renderArticlePage', () => {
  const html = renderArticlePage(articlePageView());

  it('is a whole RTL document with the article head', () => {
    expect(html.startsWith('<!doctype html><html lang="ar" dir="rtl">')).toBe(true);
    expect(html).toContain('<title>ارتفاع صادرات الفوسفاط خلال شهر غشت — خبر</title>');
    expect(html).toContain('<link rel="canonical" href="https://khabar.example/article/42"/>');
  });

  it('has exactly one h1, the headline, after a section label linking to the section', () => {
    expect(count(html, '<h1')).toBe(1);
    expect(html).toMatch(
      /<a class="section-label" href="\/section\/اقتصاد">اقتصاد<\/a><\/p><h1 class="article-title">ارتفاع صادرات الفوسفاط خلال شهر غشت<\/h1>/,
    );
  });

  it('shows the lede as a standfirst', () => {
    expect(html).toContain('<p class="standfirst">سجلت صادرات الفوسفاط ارتفاعاً ملحوظاً.</p>');
  });

  it('links staff authors and leaves guest bylines as plain text', () => {
    expect(html).toContain(
      '<p class="byline">بقلم <a class="author" href="/author/سعاد-العلوي" rel="author">سعاد العلوي</a> و<span class="author">كاتب ضيف</span></p>',
    );
    expect(html).not.toMatch(/<a[^>]*>كاتب ضيف<\/a>/);
  });

  it('joins three authors with "،" and "و"', () => {
    const three = renderArticlePage(
      articlePageWith({
        authors: [
          { name: 'أ', href: null },
          { name: 'ب', href: null },
          { name: 'ج', href: null },
        ],
      }),
    );
    expect(three).toContain('بقلم <span class="author">أ</span>، <span class="author">ب</span> و<span class="author">ج</span>');
  });

  it('shows the publication date with datetime, Moroccan month names passed through', () => {
    expect(html).toContain('نشر في <time datetime="2025-09-15T08:30:00+01:00">15 شتنبر 2025</time>');
    expect(html).not.toContain('آخر تحديث');
  });

  it('shows the update date when there is one', () => {
    const updated = renderArticlePage(articlePageWith({ updated: { text: '2 دجنبر 2025', iso: '2025-12-02T10:00:00+01:00' } }));
    expect(updated).toContain('آخر تحديث <time datetime="2025-12-02T10:00:00+01:00">2 دجنبر 2025</time>');
  });

  it('shows the reading time with the Arabic plural', () => {
    expect(html).toContain('4 دقائق قراءة');
    expect(renderArticlePage(articlePageWith({ readingMinutes: 1 }))).toContain('دقيقة واحدة قراءة');
    expect(renderArticlePage(articlePageWith({ readingMinutes: 2 }))).toContain('دقيقتان قراءة');
    expect(renderArticlePage(articlePageWith({ readingMinutes: 12 }))).toContain('12 دقيقة قراءة');
  });

  it('inserts the sanitized body as is', () => {
    expect(html).toContain(
      '<div class="article-body"><p>فقرة <strong>أولى</strong> من المقال.</p><blockquote>اقتباس</blockquote></div>',
    );
  });

  it('escapes a script in the title everywhere, never inserting it raw', () => {
    const hostile = renderArticlePage(
      articlePageWith(
        { title: '<script>alert("x")</script> عنوان', lede: '<img src=x onerror=alert(1)>' },
        { head: headView({ title: '<script>alert("x")</script> عنوان' }) },
      ),
    );
    expect(hostile).not.toContain('<script');
    expect(hostile).not.toContain('<img src=x');
    expect(hostile).toContain('<title>&lt;script>alert(&quot;x&quot;)&lt;/script> عنوان</title>');
    expect(hostile).toContain('<h1 class="article-title">&lt;<bdi>script</bdi>>');
    expect(hostile).toContain('<p class="standfirst">&lt;img src=x onerror=alert(1)></p>');
  });

  it('isolates a Latin name in the headline with <bdi>', () => {
    const latin = renderArticlePage(articlePageWith({ title: 'لقاء بين بوريطة و Antony Blinken في الرباط' }));
    expect(latin).toContain('<h1 class="article-title">لقاء بين بوريطة و <bdi>Antony Blinken</bdi> في الرباط</h1>');
  });

  it('shows the featured image in a figure with caption and credit, loaded eagerly', () => {
    expect(html).toMatch(/<figure class="figure"><img src="\/media\/2025\/09\/port.jpg" alt="ميناء طنجة المتوسط" width="1600" height="900"/);
    expect(html).toContain('<figcaption>رافعات في ميناء طنجة المتوسط <small class="credit">تصوير: خبر</small></figcaption>');
    const figure = html.slice(html.indexOf('<figure'), html.indexOf('</figure>'));
    expect(figure).not.toContain('loading="lazy"');
  });

  it('renders no figure without an image', () => {
    expect(renderArticlePage(articlePageWith({ image: null }))).not.toContain('<figure');
  });

  it('lists the tags, the share links and a copy link to the canonical URL', () => {
    expect(html).toContain('<h2 id="tags-heading">الوسوم</h2>');
    expect(html).toContain('<a href="/tag/الفوسفاط" rel="tag">الفوسفاط</a>');
    expect(html).toContain('<h2 id="share-heading">شارك المقال</h2>');
    expect(html).toContain('class="share-whatsapp" href="https://wa.me/?text=https%3A%2F%2Fkhabar.example%2Farticle%2F42" rel="noopener" target="_blank"');
    expect(html).toContain('<a class="share-copy" href="https://khabar.example/article/42">نسخ الرابط</a>');
  });

  it('omits the tags block when there are no tags', () => {
    expect(renderArticlePage(articlePageWith({ tags: [] }))).not.toContain('الوسوم');
  });

  it('shows the follow block only when a follow URL is set', () => {
    expect(html).not.toContain('تابع آخر الأخبار');
    const withFollow = renderArticlePage(
      articlePageView({ site: siteView({ follow: { whatsapp: null, googleNews: 'https://news.google.com/publications/xyz' } }) }),
    );
    expect(count(withFollow, 'تابع آخر الأخبار من خبر على')).toBeGreaterThanOrEqual(1);
    expect(withFollow).not.toContain('follow-whatsapp');
  });

  it('links the previous and next articles in the section', () => {
    expect(html).toContain('<span class="neighbour-label">السابق في القسم</span><a href="/article/41">المقال السابق</a>');
    expect(html).not.toContain('التالي في القسم');
    const both = renderArticlePage(articlePageView({ next: cardView(43, { title: 'المقال التالي' }) }));
    expect(both).toContain('<span class="neighbour-label">التالي في القسم</span><a href="/article/43">المقال التالي</a>');
    const neither = renderArticlePage(articlePageView({ previous: null }));
    expect(neither).not.toContain('section-neighbours');
  });

  it('lists related articles under "مقالات ذات صلة", lazily loading their images', () => {
    expect(html).toContain('مقالات ذات صلة');
    expect(html).toContain('<a href="/article/7">');
    const related = html.slice(html.indexOf('class="related"'));
    expect(related).toContain('loading="lazy"');
    expect(renderArticlePage(articlePageView({ related: [] }))).not.toContain('مقالات ذات صلة');
  });

  it('has breadcrumbs in a labelled nav with an ordered list', () => {
    expect(html).toContain(
      '<nav class="breadcrumbs" aria-label="مسار التنقل"><ol><li><a href="/">الرئيسية</a></li><li><a href="/section/اقتصاد">اقتصاد</a></li></ol></nav>',
    );
  });

  it('marks breaking news', () => {
    expect(html).not.toContain('badge-breaking');
    expect(renderArticlePage(articlePageWith({ isBreaking: true }))).toContain('<span class="badge-breaking">عاجل</span>');
  });
});
