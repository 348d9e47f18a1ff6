import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/search/analyzer.js';
import { createVocabularyCache } from '../../../src/search/createVocabularyCache.js';
import { planQueryWithVocabulary } from '../../../src/search/planQueryWithVocabulary.js';
import type { SearchMatch, Store } from '../../../src/store/ports.js';
import { createSqliteStore } from '../../../src/store/sqlite/createSqliteStore.js';
import { ftsExpression } from '../../../src/store/sqlite/search.js';

/**
 * Decision 031: the SQLite store matches and scores word queries without the `{title lede tags
 * body}` column filter (and with the surface column's bm25 weight at 0). That is only the same
 * search because every word of `surface` is also an index term of its title, lede or body field.
 * Checked on real news texts (ANT): same rows, same bm25 scores, same counts, for both forms.
 */
const CORPUS = path.resolve('../shared/data/arabic-news/ant/ant-v1.1-jawharafm.jsonl');
const texts = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, 400)
  .map((line) => JSON.parse(line) as { title: string; body: string });

const QUERIES = ['تونس', 'الفيلم', 'السينما التونسية', 'وزارة الصحة', 'الحكومة -الشاهد', 'الجزائر ليبيا', 'كرة القدم', 'في', 'Macron', 'مهرجان قرطاج'];

describe('SQLite search without column filters (decision 031)', () => {
  let dir: string;
  let store: Store;
  let raw: Database.Database;
  const analyzer = createAnalyzer();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-unscoped-'));
    const file = path.join(dir, 'khabar.db');
    store = createSqliteStore({ file });
    await store.migrate();
    await store.search.index(
      texts.map((t, i) => ({
        articleId: i + 1,
        publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000),
        text: analyzer.analyzeDocument({ title: t.title, lede: '', tags: i % 3 === 0 ? ['الصحة', 'تونس'] : [], body: t.body }),
      })),
    );
    raw = new Database(file, { readonly: true });
  });

  afterAll(async () => {
    raw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every surface word among the field terms of its document', () => {
    for (const t of texts) {
      const doc = analyzer.analyzeDocument({ title: t.title, lede: '', tags: [], body: t.body });
      const terms = new Set([doc.fields.title, doc.fields.lede, doc.fields.body].flatMap((f) => f.split(' ')));
      for (const word of doc.surface.split(' ').filter((w) => w !== '')) expect(terms.has(word), word).toBe(true);
    }
  });

  it('matches the same rows with the same bm25 scores, and counts the same', async () => {
    const vocabulary = createVocabularyCache({ search: store.search, contentVersion: () => store.contentVersion() });
    const scored = (expr: string, weights: string) =>
      raw.prepare(`select rowid as id, bm25(search_fts, ${weights}) as score from search_fts where search_fts match ? order by rowid desc`).all(expr);
    const count = (expr: string) => (raw.prepare('select count(*) as n from search_fts where search_fts match ?').get(expr) as { n: number }).n;
    let compared = 0;
    for (const q of QUERIES) {
      const plan = await planQueryWithVocabulary(analyzer, q, vocabulary);
      for (const mode of ['all', 'any'] as const) {
        const match: SearchMatch = { groups: plan.groups, phrases: plan.phrases, exclude: plan.exclude, mode };
        const scoped = ftsExpression(match)!;
        const unscoped = ftsExpression(match, false)!;
        expect(unscoped).not.toContain('{title lede tags body}');
        const expected = scored(scoped, '10.0, 5.0, 3.0, 1.0, 0.5');
        expect(scored(unscoped, '10.0, 5.0, 3.0, 1.0, 0.0'), q).toEqual(expected);
        expect(count(unscoped), q).toBe(count(scoped));
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
