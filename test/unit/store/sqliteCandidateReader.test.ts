import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/search/analyzer.js';
import type { SearchMatch, Store } from '../../../src/store/ports.js';
import { rankMatches, type RankableMatch } from '../../../src/store/shared/search/searchTables.js';
import { createSqliteStore } from '../../../src/store/sqlite/createSqliteStore.js';

const match = (...words: string[]): SearchMatch => ({ groups: words.map((w) => [w]), phrases: [], exclude: [], mode: 'all' });

describe('SQLite candidates read by the store’s own statements (decision 034)', () => {
  let dir: string;
  let store: Store;
  const analyzer = createAnalyzer();
  const doc = (id: number, body: string, title = '') => ({
    articleId: id,
    // Publication order differs from id order for some, so ties and recency both matter.
    publishedAt: new Date(Date.UTC(2026, 0, 1) + ((id * 7) % 13) * 86_400_000),
    text: analyzer.analyzeDocument({ title, lede: '', tags: [], body }),
  });
  const ranking = (candidates?: number) => ({ recencyWeight: 0.3, halfLifeDays: 30, now: new Date(Date.UTC(2026, 1, 1)), ...(candidates ? { candidates } : {}) });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-reader-'));
    store = createSqliteStore({ file: path.join(dir, 'khabar.db'), searchCandidateCache: 0 });
    await store.migrate();
    const docs = [];
    for (let id = 1; id <= 40; id++) {
      docs.push(doc(id, `${'الصحة '.repeat(1 + (id % 4))} تونس ${id % 3 === 0 ? 'قرطاج' : 'سوسة'}`, id % 5 === 0 ? 'وزارة الصحة' : ''));
    }
    await store.search.index(docs);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds what the same query finds through Kysely inside a transaction: hits, scores, totals, every page', async () => {
    for (const m of [match('صحه'), match('صحه', 'قرطاج'), match('سوسه'), { ...match('صحه'), exclude: [['قرطاج']] }]) {
      for (const candidates of [undefined, 7, 12]) {
        for (const offset of [0, 5, 10, 30]) {
          const paging = { limit: 5, offset };
          const outside = await store.search.query(m, {}, paging, ranking(candidates));
          const inside = await store.transaction(async (tx) => tx.search.query(m, {}, paging, ranking(candidates)));
          expect(outside).toEqual(inside);
        }
      }
    }
    // The broad case really counted past its candidates.
    expect((await store.search.query(match('صحه'), {}, { limit: 5, offset: 0 }, ranking(7))).total).toBe(40);
  });

  it('waits for a transaction in progress instead of reading its uncommitted rows', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let searched!: Promise<number>;
    const written = store.transaction(async (tx) => {
      await tx.search.index([doc(41, 'مهرجان المدينة العتيقة')]);
      // A search issued now, while the transaction holds the connection, must not see row 41.
      searched = store.search.query(match('مهرجان'), {}, { limit: 5, offset: 0 }, ranking()).then((r) => r.total);
      await gate;
      throw new Error('rolled back');
    });
    release();
    await expect(written).rejects.toThrow('rolled back');
    expect(await searched).toBe(0);
  });

  it('reports its statements to the store’s query observers (metrics count them as round-trips)', async () => {
    const seen: string[] = [];
    const stop = store.observeQueries((event) => seen.push(event.sql));
    try {
      await store.search.query(match('صحه'), {}, { limit: 5, offset: 0 }, ranking(7));
    } finally {
      stop();
    }
    expect(seen.some((sql) => sql.includes('bm25(search_fts'))).toBe(true);
    expect(seen.some((sql) => sql.includes('select count(*) from search_fts'))).toBe(true);
  });

  it('reads the publication times from the covering index', () => {
    const db = new Database(path.join(dir, 'khabar.db'), { readonly: true });
    try {
      const plan = db
        .prepare(
          `explain query plan select f.rowid, d.published_at from search_fts f
           join search_documents d indexed by search_documents_published_idx on d.article_id = f.rowid
           where search_fts match 'x' order by f.rowid desc limit 10`,
        )
        .all() as Array<{ detail: string }>;
      expect(plan.map((r) => r.detail).join(' | ')).toContain('COVERING INDEX search_documents_published_idx');
    } finally {
      db.close();
    }
  });
});

describe('rankMatches keeps only the page’s end in order (decision 034)', () => {
  /** The previous implementation: score everything, sort everything, slice. */
  function sortAll(matches: readonly RankableMatch[], w: number, nowMs: number, offset: number, limit: number) {
    const scored = matches.map((m) => {
      const publishedMs = Date.parse(m.publishedAt);
      const ageDays = Math.max(0, (nowMs - publishedMs) / 86_400_000);
      return { id: m.id, publishedAt: m.publishedAt, publishedMs, score: (1 - w) * m.relevance + w * (1 / (1 + ageDays / 30)) };
    });
    scored.sort((a, b) => b.score - a.score || (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0) || b.id - a.id);
    return scored.slice(offset, offset + limit).map((s) => ({ id: s.id, score: s.score, publishedAt: new Date(s.publishedMs) }));
  }

  it('returns the pages a full sort returns, ties on score and date included', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const nowMs = Date.UTC(2026, 5, 1);
    for (let round = 0; round < 30; round++) {
      const n = 1 + Math.floor(random() * 400);
      const matches: RankableMatch[] = Array.from({ length: n }, (_, i) => ({
        id: i * 3 + 1,
        // Few distinct relevances and days: many exact ties on score and on date.
        relevance: Math.floor(random() * 5) / 10,
        publishedAt: new Date(nowMs - Math.floor(random() * 20) * 86_400_000).toISOString(),
      }));
      for (const w of [0, 0.3, 1]) {
        for (const [offset, limit] of [[0, 10], [10, 10], [40, 10], [0, 1], [95, 10], [3, 200], [990, 10], [n - 1, 10], [n, 10]] as const) {
          const got = rankMatches(matches, { recencyWeight: w, halfLifeDays: 30, now: new Date(nowMs) }, { limit, offset });
          expect(got).toEqual(sortAll(matches, w, nowMs, offset, limit));
        }
      }
    }
  });
});
