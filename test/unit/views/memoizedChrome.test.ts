import { describe, expect, it } from 'vitest';
import { renderStaticPage } from '../../../src/views/render.js';
import { siteView, staticPageView } from './fixtures.js';

describe('the memoized masthead and footer', () => {
  it('render anew when any of their inputs changes, even with the same navigation object', () => {
    const base = siteView();
    const first = renderStaticPage(staticPageView({ site: base }));
    const renamed = renderStaticPage(staticPageView({ site: { ...base, name: 'اسم آخر' } }));
    const nextDay = renderStaticPage(staticPageView({ site: { ...base, today: { text: '30 نونبر 2026', iso: '2026-11-30T00:00:00+01:00' } } }));
    expect(first).not.toContain('اسم آخر');
    expect(renamed).toContain('<span class="site-name">اسم آخر</span>');
    expect(renamed).toMatch(/© \d{4} اسم آخر/);
    expect(nextDay).toContain('30 نونبر 2026');
    expect(renderStaticPage(staticPageView({ site: base }))).toBe(first);
  });

  it('keeps the elements themselves: one header and one footer landmark', () => {
    const html = renderStaticPage(staticPageView());
    expect(html.match(/<header class="site-header">/g)).toHaveLength(1);
    expect(html.match(/<footer class="site-footer">/g)).toHaveLength(1);
  });
});
