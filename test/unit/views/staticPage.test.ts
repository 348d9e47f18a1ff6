import { describe, expect, it } from 'vitest';
import { renderStaticPage } from '../../../src/views/render.js';
import { count } from './helpers.js';
import { staticPageView } from './fixtures.js';

describe('renderStaticPage', () => {
  it('shows the title as the one h1 and inserts the sanitized body as is', () => {
    const html = renderStaticPage(staticPageView());
    expect(count(html, '<h1')).toBe(1);
    expect(html).toContain('<h1 class="article-title">من نحن</h1>');
    expect(html).toContain('<div class="article-body"><p>خبر جريدة إلكترونية مغربية.</p></div>');
    expect(html).not.toContain('آخر تحديث');
  });

  it('shows the update date when there is one', () => {
    const html = renderStaticPage(
      staticPageView({ page: { title: 'سياسة الخصوصية', bodyHtml: '<p>نص</p>', updated: { text: '3 يوليوز 2025', iso: '2025-07-03T12:00:00+01:00' } } }),
    );
    expect(html).toContain('آخر تحديث <time datetime="2025-07-03T12:00:00+01:00">3 يوليوز 2025</time>');
  });
});
