import { describe, expect, it } from 'vitest';
import { renderErrorPage } from '../../../src/views/render.js';
import type { ErrorPageView } from '../../../src/views/models.js';
import { count, visibleText } from './helpers.js';
import { errorPageView } from './fixtures.js';

const statuses: Array<ErrorPageView['status']> = [400, 404, 414, 500];

describe('renderErrorPage', () => {
  it.each([
    [400, 'طلب غير صالح'],
    [404, 'الصفحة غير موجودة'],
    [414, 'الرابط طويل جداً'],
    [500, 'حدث خطأ غير متوقع'],
  ] as const)('titles the %i page "%s"', (status, title) => {
    const html = renderErrorPage(errorPageView(status));
    expect(html.startsWith('<!doctype html><html lang="ar" dir="rtl">')).toBe(true);
    expect(count(html, '<h1')).toBe(1);
    expect(html).toContain(`<h1>${title}</h1>`);
  });

  it('tells readers of a 500 that it is being fixed', () => {
    expect(renderErrorPage(errorPageView(500))).toContain('نعمل على إصلاحه');
  });

  it('offers search, a link home and the latest articles on a 404', () => {
    const html = renderErrorPage(errorPageView(404));
    expect(html).toContain('<label for="error-search-q">ابحث في الموقع</label><input id="error-search-q" type="search" name="q"');
    expect(html).toContain('<a href="/">العودة إلى الصفحة الرئيسية</a>');
    expect(html).toContain('<a href="/article/20">آخر خبر منشور</a>');
  });

  it('omits the latest block when the store gave nothing', () => {
    const html = renderErrorPage(errorPageView(500, { latest: [] }));
    expect(html).not.toContain('error-latest');
    expect(html).toContain('<a href="/">العودة إلى الصفحة الرئيسية</a>');
  });

  it.each(statuses)('shows no technical detail on a %i page', (status) => {
    const text = visibleText(renderErrorPage(errorPageView(status, { latest: [] })));
    expect(text).not.toMatch(/error|exception|stack|trace|undefined|null|sql|\b(400|404|414|500)\b|[A-Za-z]{4,}/i);
  });
});
