import type Database from 'better-sqlite3';
import type { QueryEvent } from '../shared/queryObservers.js';
import type { CachedCandidates } from './candidateCache.js';

/**
 * `search_documents` read through its covering index of (article_id, published_at) (m015,
 * decision 034): SQLite otherwise reads the table row by its integer key — a page per candidate,
 * the row being mostly the document's word list.
 */
export const DOCUMENT_DATES = 'search_documents d indexed by search_documents_published_idx';

/** bm25 relevance r ≥ 0 becomes r / (r + K) in [0, 1); K is about a good body-only match here. */
export const RELEVANCE_K = 10;

/**
 * Reads what an unfiltered query needs before ranking — its newest `candidates` matches with bm25
 * relevance and publication time, and its total — with better-sqlite3 statements of its own
 * (decision 034): rows come back as arrays (no object per row, no Kysely row mapping), which was
 * a fifth of an uncached broad query's CPU. The caller must hold the store's connection (Kysely's
 * `db.connection()`), so that no transaction is open on it while these statements read: they run
 * on the same single SQLite connection.
 *
 * `weights` is the bm25 weight list (SQL text from a fixed set: never reader input); `expr` scores
 * and walks, `unscoped` counts (the same rows, decision 031). Each statement is reported to
 * `record` (the store's query observers: metrics count it as a round-trip, as Kysely's queries).
 */
export type CandidateReader = (expr: string, unscoped: string, weights: string, candidates: number) => CachedCandidates;

export function createCandidateReader(sqlite: Database.Database, record: (event: QueryEvent) => void = () => {}): CandidateReader {
  /** Runs one statement, reporting its SQL and duration (failed ones too, then rethrown). */
  const observed = <T>(statement: Database.Statement, run: () => T): T => {
    const started = performance.now();
    let failed = true;
    try {
      const result = run();
      failed = false;
      return result;
    } finally {
      record({ durationMs: performance.now() - started, failed, sql: statement.source });
    }
  };
  const walks = new Map<string, Database.Statement>();
  let count: Database.Statement | undefined;
  const walk = (weights: string): Database.Statement => {
    let statement = walks.get(weights);
    if (statement === undefined) {
      statement = sqlite
        .prepare(
          `select f.rowid, -bm25(search_fts, ${weights}), d.published_at
           from search_fts f join ${DOCUMENT_DATES} on d.article_id = f.rowid
           where search_fts match ? order by f.rowid desc limit ?`,
        )
        .raw(true);
      walks.set(weights, statement);
    }
    return statement;
  };
  return (expr, unscoped, weights, candidates) => {
    const statement = walk(weights);
    const rows = observed(statement, () => statement.all(expr, candidates)) as Array<[number | bigint, number, string]>;
    const matches = new Array<{ id: number; relevance: number; publishedAt: string }>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [id, rel, publishedAt] = rows[i]!;
      matches[i] = { id: Number(id), relevance: rel / (rel + RELEVANCE_K), publishedAt };
    }
    let total = rows.length;
    if (rows.length >= candidates && rows.length > 0) {
      const counting = (count ??= sqlite.prepare('select count(*) from search_fts where search_fts match ? and rowid < ?').pluck(true));
      total += Number(observed(counting, () => counting.get(unscoped, matches[matches.length - 1]!.id)));
    }
    return { total, matches };
  };
}
