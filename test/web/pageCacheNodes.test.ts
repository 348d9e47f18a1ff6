import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import { systemActor } from '../../src/domain/access.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { updateArticle } from '../../src/operations/articles/updateArticle.js';
import type { Store } from '../../src/store/ports.js';
import { createPostgresStore } from '../../src/store/postgres/createPostgresStore.js';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';
import { articleDepsOn } from '../support/articleDeps.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { pgAvailable, testPgUrl } from '../support/stores.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const article = demoContent.articles[4]!;
const url = encodePath(
  permalink.build({ id: 0, slug: article.slug, publishedAt: new Date(TEST_NOW.getTime() - article.hoursAgo * 3_600_000), categoryPath: '', authorSlug: '' }),
);

/** Two stores over one database, as two processes or nodes have. */
const setups = [
  {
    name: 'two processes on one SQLite file',
    available: true,
    async open(): Promise<{ stores: [Store, Store]; cleanup: () => void }> {
      const dir = mkdtempSync(path.join(tmpdir(), 'khabar-nodes-'));
      const file = path.join(dir, 'khabar.db');
      const first = createSqliteStore({ file, now: () => TEST_NOW });
      await first.migrate();
      const second = createSqliteStore({ file, now: () => TEST_NOW });
      return { stores: [first, second], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'two nodes on one PostgreSQL database',
    available: pgAvailable,
    async open(): Promise<{ stores: [Store, Store]; cleanup: () => void }> {
      const schema = `khabar_test_${randomBytes(6).toString('hex')}`;
      const first = await createPostgresStore({ connectionString: testPgUrl, schema, poolSize: 4, now: () => TEST_NOW });
      await first.migrate();
      const second = await createPostgresStore({ connectionString: testPgUrl, schema, poolSize: 4, now: () => TEST_NOW });
      return { stores: [first, second], cleanup: () => {} };
    },
  },
];

for (const setup of setups)
  describe.skipIf(!setup.available)(`the page cache across ${setup.name}`, () => {
    const open: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const close of open.splice(0).reverse()) await close();
    });

    it('shows a correction published on one app within a second on the other, from a warmed cache', async () => {
      const { stores, cleanup } = await setup.open();
      const sites: TestSite[] = [];
      open.push(async () => {
        for (const site of sites) await site.dispose();
        for (const store of stores) await store.close();
        cleanup();
      });
      sites.push(await openTestSite({ store: stores[0] }));
      sites.push(await openTestSite({ store: stores[1], demo: false }));
      const [writer, reader] = sites as [TestSite, TestSite];
      const get = () => reader.khabar.app.inject({ method: 'GET', url });
      const warm = await get();
      expect(warm.statusCode).toBe(200);
      expect((await get()).headers['x-cache']).toBe('HIT');
      // A page the correction does not touch stays cached on the reader.
      const other = encodePath('/category/ثقافة/');
      await reader.khabar.app.inject({ url: other });
      expect((await reader.khabar.app.inject({ url: other })).headers['x-cache']).toBe('HIT');

      const live = (await stores[0].articles.findBySlug(article.slug))!;
      const started = Date.now();
      await updateArticle(articleDepsOn(stores[0], () => TEST_NOW), systemActor('test'), live.id, { version: live.version, title: 'تصحيح منشور من العقدة الأولى' });
      // The writer's own cache is exact at once (purged after the commit).
      expect((await writer.khabar.app.inject({ url })).body).toContain('تصحيح منشور من العقدة الأولى');
      await expect
        .poll(async () => (await get()).body.includes('تصحيح منشور من العقدة الأولى'), { timeout: 1000, interval: 20 })
        .toBe(true);
      expect(Date.now() - started).toBeLessThan(1000);
      const cultural = await reader.khabar.app.inject({ url: other });
      // The culture archive does not show this article: still the cached copy.
      if (!String(cultural.headers['surrogate-key']).split(' ').includes(`article:${live.id}`)) expect(cultural.headers['x-cache']).toBe('HIT');
    });
  });
