import { describe, expect, it } from 'vitest';
import { renderHomePage } from '../../../src/views/render.js';
import { count } from './helpers.js';
import { cardView, homePageView, imageView } from './fixtures.js';

describe('renderHomePage', () => {
  const html = renderHomePage(homePageView());

  it('has exactly one h1 (the site name, for screen readers)', () => {
    expect(count(html, '<h1')).toBe(1);
    expect(html).toContain('<h1 class="visually-hidden">خبر</h1>');
  });

  it('shows the lead story large with its lede and an eagerly loaded image', () => {
    const lead = html.slice(html.indexOf('<article class="card card-lead">'));
    const leadCard = lead.slice(0, lead.indexOf('</article>'));
    expect(leadCard).toContain('<h2 class="card-title"><a href="/article/1">الخبر الرئيسي لليوم</a></h2>');
    expect(leadCard).toContain('<p class="card-lede">ملخص قصير للمقال.</p>');
    expect(leadCard).toContain('fetchpriority="high"');
    expect(leadCard).not.toContain('loading="lazy"');
  });

  it('lazily loads every image but the lead, with width, height, srcset and sizes', () => {
    expect(count(html, '<img ')).toBe(count(html, 'loading="lazy"') + 1);
    expect(html).toMatch(
      /<img src="\/media\/2025\/09\/port.jpg" alt="ميناء طنجة المتوسط" width="1600" height="900" srcset="\/media\/2025\/09\/port-480.jpg 480w, \/media\/2025\/09\/port-960.jpg 960w, \/media\/2025\/09\/port.jpg 1600w" sizes="[^"]+" loading="lazy"/,
    );
  });

  it('leaves out srcset, sizes and dimensions it does not have', () => {
    const bare = renderHomePage(
      homePageView({ featured: [cardView(2, { image: imageView({ variants: [], width: null, height: null }) })] }),
    );
    expect(bare).toContain('<img src="/media/2025/09/port.jpg" alt="ميناء طنجة المتوسط" loading="lazy" decoding="async"/>');
  });

  it('lists the latest news as compact text-only cards', () => {
    const latest = html.slice(html.indexOf('<section class="home-latest"'), html.indexOf('<section class="home-most-read"'));
    expect(latest).toContain('<h2 id="latest-heading" class="block-title">آخر الأخبار</h2>');
    expect(latest).toContain('<article class="card card-compact">');
    expect(latest).toContain('<a href="/article/4">');
    expect(latest).not.toContain('<img');
  });

  it('numbers the most-read list in order', () => {
    expect(html).toContain('الأكثر قراءة</h2><ol class="most-read">');
    expect(html).toMatch(/<li><span class="rank" aria-hidden="true">1<\/span>.*الأكثر قراءة أولاً.*<span class="rank" aria-hidden="true">2<\/span>.*الأكثر قراءة ثانياً/);
  });

  it('has a block per section with its name linking to the section and "المزيد"', () => {
    expect(html).toContain('<h2 id="home-section-0"><a href="/section/رياضة">رياضة</a></h2>');
    expect(html).toContain('<a class="more" href="/section/رياضة">المزيد<span class="visually-hidden"> من رياضة</span></a>');
    expect(html).toContain('<a href="/article/9">');
  });

  it('skips empty section blocks', () => {
    const empty = renderHomePage(homePageView({ sections: [{ section: { name: 'ثقافة', href: '/section/ثقافة' }, articles: [] }] }));
    expect(empty).not.toContain('/section/ثقافة"');
  });

  it('says so when there is nothing published yet', () => {
    const empty = renderHomePage(homePageView({ lead: null, featured: [], latest: [], mostRead: [], sections: [] }));
    expect(empty).toContain('<p class="empty-state">لا توجد مقالات بعد.</p>');
    expect(empty).not.toContain('الأكثر قراءة');
  });

  it('marks breaking cards', () => {
    const breaking = renderHomePage(homePageView({ featured: [cardView(2, { isBreaking: true })] }));
    expect(breaking).toContain('<p class="card-kicker"><span class="badge-breaking">عاجل</span><a class="section-label" href="/section/اقتصاد">اقتصاد</a></p>');
  });

  it('escapes a script in a card title', () => {
    const hostile = renderHomePage(homePageView({ latest: [cardView(4, { title: '</a><script>alert(1)</script>' })] }));
    expect(hostile).not.toContain('<script');
  });
});
