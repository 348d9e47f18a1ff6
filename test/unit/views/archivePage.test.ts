import { describe, expect, it } from 'vitest';
import { renderArchivePage } from '../../../src/views/render.js';
import { count } from './helpers.js';
import { archivePageView } from './fixtures.js';

describe('renderArchivePage', () => {
  const html = renderArchivePage(archivePageView());

  it('is an RTL document with the archive head and one h1', () => {
    expect(html.startsWith('<!doctype html><html lang="ar" dir="rtl">')).toBe(true);
    expect(html).toContain('<title>اقتصاد — خبر</title>');
    expect(html).toContain('<link rel="canonical" href="https://khabar.example/section/اقتصاد"/>');
    expect(count(html, '<h1')).toBe(1);
    expect(html).toContain('<h1 class="archive-title">اقتصاد</h1>');
  });

  it('shows the description, the subsections and breadcrumbs ending at the current page', () => {
    expect(html).toContain('<p class="archive-description">أخبار الاقتصاد المغربي والدولي</p>');
    expect(html).toContain('<nav class="subsections" aria-label="الأقسام الفرعية"><ul><li><a href="/section/مقاولات">مقاولات</a></li></ul></nav>');
    expect(html).toContain(
      '<nav class="breadcrumbs" aria-label="مسار التنقل"><ol><li><a href="/">الرئيسية</a></li><li><span aria-current="page">اقتصاد</span></li></ol></nav>',
    );
  });

  it('lists the articles as cards with h2 titles', () => {
    expect(html).toContain('<h2 class="card-title"><a href="/article/11">');
    expect(html).toContain('<h2 class="card-title"><a href="/article/12">');
  });

  it('paginates with rel prev/next links and "الصفحة N من M"', () => {
    expect(html).toContain('<nav class="pagination" aria-label="التنقل بين الصفحات">');
    expect(html).toContain('<a class="pagination-prev" href="/section/اقتصاد" rel="prev">السابق</a>');
    expect(html).toContain('<a class="pagination-next" href="/section/اقتصاد?page=3" rel="next">التالي</a>');
    expect(html).toContain('الصفحة 2 من 5');
  });

  it('shows no link, only a disabled label, at either end', () => {
    const first = renderArchivePage(
      archivePageView({ pagination: { page: 1, totalPages: 5, prevHref: null, nextHref: '/section/اقتصاد?page=2' } }),
    );
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain('<span class="pagination-prev" aria-disabled="true">السابق</span>');
    expect(first).toContain('rel="next"');
  });

  it('has no pagination when everything fits on one page', () => {
    const single = renderArchivePage(archivePageView({ pagination: { page: 1, totalPages: 1, prevHref: null, nextHref: null } }));
    expect(single).not.toContain('class="pagination"');
  });

  it('shows an Arabic empty state when there are no articles', () => {
    const empty = renderArchivePage(
      archivePageView({ articles: [], pagination: { page: 1, totalPages: 1, prevHref: null, nextHref: null } }),
    );
    expect(empty).toContain('<p class="empty-state">لا توجد مقالات بعد.</p>');
    expect(empty).not.toContain('card-title');
  });

  it('renders tag and author archives without subsection links, section labels kept on cards', () => {
    const tag = renderArchivePage(
      archivePageView({ kind: 'tag', title: 'COP22', description: null, breadcrumbs: [], children: [{ name: 'x', href: '/x' }] }),
    );
    expect(tag).toContain('<p class="archive-kind">وسم</p>');
    expect(tag).not.toContain('subsections');
    expect(tag).not.toContain('archive-description');
    expect(tag).not.toContain('class="breadcrumbs"');
    expect(tag).toContain('<a class="section-label" href="/section/اقتصاد">اقتصاد</a>');
    const author = renderArchivePage(archivePageView({ kind: 'author', title: 'سعاد العلوي', description: 'صحفية اقتصادية.' }));
    expect(author).toContain('<p class="archive-kind">كاتب</p>');
    expect(author).toContain('<h1 class="archive-title">سعاد العلوي</h1>');
  });
});
