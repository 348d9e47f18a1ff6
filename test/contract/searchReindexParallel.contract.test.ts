import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { analysisWorkers } from '../../src/search/analysisWorkers.js';
import { createPostgresStore } from '../../src/store/postgres/createPostgresStore.js';
import type { Store } from '../../src/store/ports.js';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';
import { openPostgresForChecks, type RawQuery } from '../support/storeInvariants.js';
import { pgAvailable, testPgUrl } from '../support/stores.js';

/** Real news texts (ANT), so the analysis runs on what the index meets in production. */
const CORPUS = path.resolve('../shared/data/arabic-news/ant/ant-v1.1-jawharafm.jsonl');
const texts = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, 50)
  .map((line) => JSON.parse(line) as { title: string; body: string });

/** The index as stored: every row of the search tables, in a fixed order. */
const SQLITE_ROWS = [
  'select article_id, published_at, words from search_documents order by article_id',
  'select word, docs from search_vocabulary order by word',
  // Every (term, document, column, position) FTS5 holds: its pages also carry segment numbers,
  // which grow with each rebuild, so they are compared through fts5vocab instead.
  'select term, doc, col, "offset" from search_fts_instances order by term, doc, col, "offset"',
  'select id, hex(sz) as sz from search_fts_docsize order by id',
];
const POSTGRES_ROWS = [
  'select article_id, published_at, words, tsv::text as tsv, surface_tsv::text as surface_tsv from search_documents order by article_id',
  'select word, docs from search_vocabulary order by word collate "C"',
];

interface Dialect {
  name: 'sqlite' | 'postgres';
  available: boolean;
  open(): Promise<{ store: (bulk: boolean) => Store; query: RawQuery; rows: string[]; dispose(): Promise<void> }>;
}

const workers = analysisWorkers({ workers: 2 })!;

const dialects: Dialect[] = [
  {
    name: 'sqlite',
    available: true,
    async open() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-reindex-'));
      const file = path.join(dir, 'khabar.db');
      const stores: Store[] = [];
      const reader = { current: undefined as Database.Database | undefined };
      return {
        store(bulk) {
          const store = createSqliteStore({ file, ...(bulk ? { bulkAnalysis: workers } : {}) });
          stores.push(store);
          return store;
        },
        query: async (sql) => {
          if (!reader.current) {
            reader.current = new Database(file);
            reader.current.exec('create virtual table temp.search_fts_instances using fts5vocab(main, search_fts, instance)');
          }
          return reader.current.prepare(sql).all() as Record<string, unknown>[];
        },
        rows: SQLITE_ROWS,
        async dispose() {
          reader.current?.close();
          for (const s of stores) await s.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    available: pgAvailable,
    async open() {
      const schema = `khabar_test_${randomBytes(6).toString('hex')}`;
      const stores: Store[] = [];
      const client = await openPostgresForChecks(testPgUrl);
      await client.query(`create schema if not exists "${schema}"`);
      await client.query(`set search_path to "${schema}"`);
      return {
        store(bulk) {
          const store = createPostgresStore({ connectionString: testPgUrl, schema, poolSize: 2, ...(bulk ? { bulkAnalysis: workers } : {}) });
          void store.then((s) => stores.push(s));
          return store as unknown as Store;
        },
        query: client.query,
        rows: POSTGRES_ROWS,
        async dispose() {
          for (const s of stores) await s.close();
          // The run's whole database is dropped after the run (test/support/globalSetup.ts).
          await client.end();
        },
      };
    },
  },
];

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`search index contract [${dialect.name}] serial and parallel rebuilds`, () => {
    let dispose: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await dispose?.();
      dispose = undefined;
    });

    it('writes byte-identical index rows with the analysis in worker threads (decision 027)', async () => {
      const opened = await dialect.open();
      dispose = opened.dispose;
      const serial = await opened.store(false);
      const parallel = await opened.store(true);
      await serial.migrate();
      const section = await serial.sections.create({ slug: 'وطني', name: 'وطني' });
      const tags = [await serial.tags.create({ slug: 'تونس', name: 'تونس' }), await serial.tags.create({ slug: 'الصحة', name: 'وزارةُ الصحة' })];
      for (const [i, t] of texts.entries()) {
        await serial.articles.create({
          slug: `a-${i}`,
          title: t.title,
          lede: i % 3 === 0 ? t.body.slice(0, 120) : '',
          body: t.body
            .split('\n')
            .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
            .join(''),
          status: i % 10 === 9 ? 'draft' : 'published',
          publishedAt: new Date(Date.UTC(2026, 0, 1 + i)),
          readingMinutes: 1,
          sectionIds: [section.id],
          tagIds: i % 4 === 0 ? tags.map((tag) => tag.id) : [],
        });
      }
      const dump = async () => Promise.all(opened.rows.map((sql) => opened.query(sql)));

      // Batches of 7 with up to 3 in flight: results must come back in id order across workers.
      await expect(serial.reindex({ batchSize: 7 })).resolves.toEqual({ indexed: 45 });
      const serialRows = await dump();
      await expect(parallel.reindex({ batchSize: 7 })).resolves.toEqual({ indexed: 45 });
      const parallelRows = await dump();

      expect(serialRows[0]).toHaveLength(45);
      expect(serialRows[1]!.length).toBeGreaterThan(1000);
      for (const [i, rows] of parallelRows.entries()) expect(rows, opened.rows[i]).toEqual(serialRows[i]);
    }, 120_000); // two rebuilds and two workers starting through tsx: slow on a shared machine
  });
}
