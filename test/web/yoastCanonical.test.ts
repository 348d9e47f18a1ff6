import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWordpress } from '../../src/importers/wordpress/importWordpress.js';
import type { WordpressImportReport } from '../../src/importers/wordpress/ImportReport.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';

const file = path.resolve(import.meta.dirname, '..', 'fixtures', 'wxr', 'yoast-canonical.xml');

/** The href of the page's one `<link rel="canonical">`, and its og:url. */
function canonicalOf(html: string): { link: string[]; og: string[] } {
  return {
    link: [...html.matchAll(/<link rel="canonical" href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')),
    og: [...html.matchAll(/<meta property="og:url" content="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')),
  };
}

describe('Yoast SEO canonical (issue #7): an imported http(s) canonical is the article page\'s <link rel="canonical">', () => {
  let site: TestSite;
  let report: WordpressImportReport;
  beforeAll(async () => {
    site = await openTestSite({ demo: false });
    report = await importWordpress({ store: site.khabar.store, site: site.config.site, now: () => TEST_NOW }, file);
  });
  afterAll(async () => {
    await site?.dispose();
  });

  const page = async (url: string) => {
    const res = await site.khabar.app.inject({ method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    return canonicalOf(res.body);
  };

  it('imports the four posts, kept at /%post_id%.html', () => {
    expect(report.counts.articles).toMatchObject({ created: 4, failed: 0 });
    expect(report.permalink.applied).toBe('/%post_id%.html');
  });

  it('uses the Yoast canonical (percent-encoded) instead of the self URL when it is http(s)', async () => {
    const expected = 'https://partner.example/news/%D9%82%D9%85%D8%A9-%D8%A7%D9%84%D8%B1%D8%A8%D8%A7%D8%B7';
    expect(await page('/101.html')).toEqual({ link: [expected], og: [expected] });
    expect((await site.khabar.store.articles.findById(101))?.canonicalUrl).toBe(expected);
  });

  it('drops a javascript: or relative canonical and reports it; those pages and a post without one keep their own URL', async () => {
    for (const id of [102, 103, 104]) {
      const own = `https://khabar.example/${id}.html`;
      expect(await page(`/${id}.html`)).toEqual({ link: [own], og: [own] });
      expect((await site.khabar.store.articles.findById(id))?.canonicalUrl).toBeNull();
    }
    const dropped = report.notes.filter((n) => /Yoast canonical/.test(n.reason));
    expect(dropped.map((n) => n.wpId).sort()).toEqual(['102', '103']);
    expect(dropped.find((n) => n.wpId === '102')?.reason).toContain('javascript:alert(1)');
    expect(report.notes.some((n) => n.wpId === '101' && /canonical/.test(n.reason))).toBe(false);
  });
});
