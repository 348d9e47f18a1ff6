import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/search/analyzer.js';
import type { SearchMatch, Store } from '../../../src/store/ports.js';
import { createCandidateCache } from '../../../src/store/sqlite/candidateCache.js';
import { createSqliteStore } from '../../../src/store/sqlite/createSqliteStore.js';

const match = (word: string): SearchMatch => ({ groups: [[word]], phrases: [], exclude: [], mode: 'all' });
const page = { limit: 10, offset: 0 };

describe('createCandidateCache (decision 031)', () => {
  const entry = (n: number) => ({ total: n, matches: Array.from({ length: n }, (_, i) => ({ id: i + 1, relevance: 0.5, publishedAt: '2026-01-01T00:00:00.000Z' })) });

  it('answers only at the version an entry was kept at, and drops other versions on the next write', () => {
    const cache = createCandidateCache(100);
    cache.set(7, 'a', entry(3));
    expect(cache.get(7, 'a')?.total).toBe(3);
    expect(cache.get(8, 'a')).toBeUndefined();
    cache.set(8, 'b', entry(2));
    expect(cache.get(7, 'a')).toBeUndefined();
    expect(cache.get(8, 'b')?.total).toBe(2);
    cache.clear();
    expect(cache.get(8, 'b')).toBeUndefined();
  });

  it('holds at most its number of candidates, least recently used out first', () => {
    const cache = createCandidateCache(10);
    cache.set(1, 'a', entry(4));
    cache.set(1, 'b', entry(4));
    expect(cache.get(1, 'a')).toBeDefined(); // a is now the most recently used
    cache.set(1, 'c', entry(4));
    expect(cache.get(1, 'b')).toBeUndefined();
    expect(cache.get(1, 'a')).toBeDefined();
    expect(cache.get(1, 'c')).toBeDefined();
    cache.set(1, 'big', entry(11));
    expect(cache.get(1, 'big')).toBeUndefined();
  });
});

describe('SQLite search with the candidate cache (decision 031)', () => {
  let dir: string;
  let cachedStore: Store;
  let plainStore: Store;
  const analyzer = createAnalyzer();
  const doc = (id: number, body: string) => ({
    articleId: id,
    publishedAt: new Date(Date.UTC(2026, 0, 1) + id * 3_600_000),
    text: analyzer.analyzeDocument({ title: '', lede: '', tags: [], body }),
  });
  const ranking = () => ({ recencyWeight: 0.3, halfLifeDays: 30, now: new Date(Date.UTC(2026, 1, 1)), candidates: 3 });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-candidates-'));
    const file = path.join(dir, 'khabar.db');
    cachedStore = createSqliteStore({ file });
    await cachedStore.migrate();
    plainStore = createSqliteStore({ file, searchCandidateCache: 0 });
    await cachedStore.search.index([1, 2, 3, 4, 5].map((id) => doc(id, `وزارة الصحة تونس ${'الصحة '.repeat(id)}`)));
  });

  afterEach(async () => {
    await cachedStore.close();
    await plainStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives what an uncached search gives, page after page', async () => {
    for (const offset of [0, 1, 2, 4]) {
      const paging = { limit: 2, offset };
      const first = await cachedStore.search.query(match('صحه'), {}, paging, ranking());
      const again = await cachedStore.search.query(match('صحه'), {}, paging, ranking());
      const plain = await plainStore.search.query(match('صحه'), {}, paging, ranking());
      expect(first).toEqual(plain);
      expect(again).toEqual(plain);
    }
  });

  it('sees a write through the store at once', async () => {
    expect((await cachedStore.search.query(match('قرطاج'), {}, page, ranking())).total).toBe(0);
    await cachedStore.search.index([doc(6, 'مهرجان قرطاج')]);
    expect((await cachedStore.search.query(match('قرطاج'), {}, page, ranking())).hits.map((h) => h.id)).toEqual([6]);
    await cachedStore.search.remove([6]);
    expect((await cachedStore.search.query(match('قرطاج'), {}, page, ranking())).total).toBe(0);
  });

  it('sees what another connection wrote: every index write moves the index version; other writes keep the candidates', async () => {
    expect((await cachedStore.search.query(match('صحه'), {}, page, ranking())).total).toBe(5);
    const version = () => {
      const reader = new Database(path.join(dir, 'khabar.db'), { readonly: true });
      try {
        return reader.prepare("select value from khabar_state where key = 'search_version'").pluck().get() as number;
      } finally {
        reader.close();
      }
    };
    const before = version();
    await plainStore.search.index([doc(7, 'الصحة')]);
    expect(version()).toBeGreaterThan(before);
    expect((await cachedStore.search.query(match('صحه'), {}, page, ranking())).total).toBe(6);
    // A write that leaves the index alone (a comment moves the content version) keeps what was found:
    // a row removed behind the store's back is still counted until the index version moves.
    const raw = new Database(path.join(dir, 'khabar.db'));
    raw.prepare("update khabar_state set value = value + 1 where key = 'content_version'").run();
    raw.prepare('delete from search_fts where rowid = 7').run();
    expect((await cachedStore.search.query(match('صحه'), {}, page, ranking())).total).toBe(6);
    raw.prepare("update khabar_state set value = value + 1 where key = 'search_version'").run();
    raw.close();
    expect((await cachedStore.search.query(match('صحه'), {}, page, ranking())).total).toBe(5);
  });
});
