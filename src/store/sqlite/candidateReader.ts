import type Database from 'better-sqlite3';
import type { QueryObservers } from '../shared/queryObservers.js';
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
 * a fifth of an uncached broad query's CPU. They run on the store's single connection, so they
 * read only while no transaction is open on it (`inTransaction`), the rule of the store's direct
 * statements (directExecutor.ts); otherwise the reader answers `undefined` and the query goes
 * through Kysely, which waits for the transaction.
 *
 * `weights` is the bm25 weight list (SQL text from a fixed set: never reader input); `expr` scores
 * and walks, `unscoped` counts (the same rows, decision 031). Each statement is reported to the
 * store's query observers through `timed` (metrics count it as a round-trip, as Kysely's queries).
 */
export type CandidateReader = (expr: string, unscoped: string, weights: string, candidates: number) => CachedCandidates | undefined;

export function createCandidateReader(sqlite: Database.Database, timed: QueryObservers['timed']): CandidateReader {
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
    if (sqlite.inTransaction) return undefined;
    const statement = walk(weights);
    const rows = timed(statement.source, () => statement.all(expr, candidates)) as Array<[number | bigint, number, string]>;
    const matches = new Array<{ id: number; relevance: number; publishedAt: string }>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [id, rel, publishedAt] = rows[i]!;
      matches[i] = { id: Number(id), relevance: rel / (rel + RELEVANCE_K), publishedAt };
    }
    let total = rows.length;
    if (rows.length >= candidates && rows.length > 0) {
      const counting = (count ??= sqlite.prepare('select count(*) from search_fts where search_fts match ? and rowid < ?').pluck(true));
      total += Number(timed(counting.source, () => counting.get(unscoped, matches[matches.length - 1]!.id)));
    }
    return { total, matches };
  };
}
