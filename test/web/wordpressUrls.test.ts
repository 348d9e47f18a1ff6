import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePath } from '../../src/domain/permalink.js';
import { importWordpress } from '../../src/importers/wordpress/importWordpress.js';
import type { WordpressImportReport } from '../../src/importers/wordpress/ImportReport.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { storeKinds } from '../support/stores.js';

const file = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'wxr', 'wordpress-importer', 'phpunit', 'data', 'theme-unit-test-data.xml');
const haveData = existsSync(file);
if (!haveData) console.warn(`[khabar tests] ${file} is absent: the WordPress URL test is skipped`);

/** The request path (and query) of an old absolute URL, as a browser would send it. */
function requestPath(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

for (const kind of storeKinds) {
  describe.skipIf(!haveData || !kind.available)(`old WordPress URLs after importing theme-unit-test-data.xml [${kind.name}]`, () => {
    let site: TestSite;
    let report: WordpressImportReport;
    let disposeStore: () => Promise<void> = async () => {};
    beforeAll(async () => {
      const opened = kind.name === 'sqlite' ? null : await kind.open({ now: () => TEST_NOW });
      if (opened) disposeStore = opened.dispose;
      site = await openTestSite({ demo: false, ...(opened ? { store: opened.store } : {}) });
      report = await importWordpress({ store: site.khabar.store, site: site.config.site, now: () => TEST_NOW }, file);
    });
    afterAll(async () => {
      await site?.dispose();
      await disposeStore();
    });

    const get = (url: string) => site.khabar.app.inject({ method: 'GET', url });

    it('every old URL in the report resolves: 200 where the path is the same, else 301 to a page that answers 200', async () => {
      const mapped = report.urls.filter((u) => u.status !== 404);
      expect(mapped.length).toBeGreaterThan(100);
      for (const u of mapped) {
        const res = await get(requestPath(u.from));
        if (u.status === 200) {
          expect([200, 301], u.from).toContain(res.statusCode);
          if (res.statusCode === 301) expect(decodeURIComponent(res.headers.location as string).replace(/\/$/, ''), u.from).toBe(u.to!.replace(/\/$/, ''));
          continue;
        }
        expect(res.statusCode, u.from).toBe(301);
        const location = res.headers.location as string;
        if (/^https?:/.test(location)) {
          expect(location, u.from).toBe(u.to);
          continue;
        }
        expect(location, u.from).toBe(encodePath(u.to!));
        const target = await get(location);
        expect(target.statusCode, `${u.from} → ${location}`).toBe(200);
      }
    });

    it('articles are served at the detected permalink, with their AMP variants redirected and feeds answering', async () => {
      expect(report.permalink.applied).toBe('/%year%/%monthnum%/%day%/%postname%/');
      const sticky = await get('/?p=1241');
      expect(sticky.statusCode).toBe(301);
      const path = sticky.headers.location as string;
      expect(path).toMatch(/^\/\d{4}\/\d{2}\/\d{2}\/template-sticky\/$/);
      const page = await get(path);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Template: Sticky');
      const amp = await get(`${path}amp/`);
      expect(amp.statusCode).toBe(301);
      expect(amp.headers.location).toBe(path);
      const ampQuery = await get(`${path}?amp=1`);
      expect(ampQuery.statusCode).toBe(301);
      expect(ampQuery.headers.location).toBe(path);
      expect((await get(`${path}feed/`)).statusCode).toBe(200);
    });

    it('category, tag and author archives and their feeds keep their WordPress paths', async () => {
      for (const url of ['/category/parent-category/', '/category/parent-category/child-category-01/', '/tag/tag1/', '/author/themedemos/', '/category/parent-category/feed/', '/feed/']) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
      }
    });

    it('pages answer at /<slug>/, and ?page_id= redirects there; drafts and private posts are not public', async () => {
      const aboutUrl = report.urls.find((u) => u.from.endsWith('?page_id=2'));
      expect(aboutUrl?.to).toBe('/about/');
      expect((await get('/about/')).statusCode).toBe(200);
      const hidden = report.urls.filter((u) => u.status === 404);
      expect(hidden.length).toBeGreaterThan(0);
      for (const u of hidden) {
        const res = await get(requestPath(u.from));
        expect(res.statusCode === 404 || (res.statusCode === 301 && (await get(res.headers.location as string)).statusCode === 404), u.from).toBe(true);
      }
    });
  });
}
