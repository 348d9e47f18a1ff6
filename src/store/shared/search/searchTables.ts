import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SearchDocument, SearchFilters, SearchIndex, SearchRanking } from '../../ports.js';
import type { Database } from '../schema.js';
import { toCount } from '../values.js';

/** Rows per multi-row statement: far below both stores' parameter limits. */
export const CHUNK = 200;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The distinct words each of these articles was counted with when it was indexed. */
export async function previousWords(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, string[]>> {
  const found = new Map<number, string[]>();
  for (const part of chunks(ids, 500)) {
    const rows = await db.selectFrom('search_documents').select(['article_id', 'words']).where('article_id', 'in', part).execute();
    for (const r of rows) found.set(Number(r.article_id), r.words === '' ? [] : r.words.split(' '));
  }
  return found;
}

/**
 * Moves the document counts of the vocabulary: +1 per document for `added` word lists, −1 for
 * `removed` ones; words falling to zero are deleted. One upsert per distinct word, however many
 * documents the batch holds.
 */
export async function adjustVocabulary(db: Kysely<Database>, added: readonly (readonly string[])[], removed: readonly (readonly string[])[]): Promise<void> {
  const delta = new Map<string, number>();
  for (const words of added) for (const w of words) delta.set(w, (delta.get(w) ?? 0) + 1);
  for (const words of removed) for (const w of words) delta.set(w, (delta.get(w) ?? 0) - 1);
  const changes = [...delta].filter(([, n]) => n !== 0);
  await writeVocabularyDeltas(db, changes);
  const fallen = changes.filter(([, n]) => n < 0).map(([w]) => w);
  for (const part of chunks(fallen, 500)) {
    await db.deleteFrom('search_vocabulary').where('word', 'in', part).where('docs', '<=', 0).execute();
  }
}

/** Upserts `docs = docs + n` for each (word, n). */
export async function writeVocabularyDeltas(db: Kysely<Database>, changes: ReadonlyArray<readonly [string, number]>): Promise<void> {
  for (const part of chunks(changes, 500)) {
    await db
      .insertInto('search_vocabulary')
      .values(part.map(([word, docs]) => ({ word, docs })))
      .onConflict((oc) => oc.column('word').doUpdateSet((eb) => ({ docs: eb('search_vocabulary.docs', '+', eb.ref('excluded.docs')) })))
      .execute();
  }
}

export async function readFrequencies(db: Kysely<Database>, words: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const distinct = [...new Set(words)].filter((w) => w.length > 0 && w.length <= 200);
  for (const part of chunks(distinct, 500)) {
    const rows = await db.selectFrom('search_vocabulary').select(['word', 'docs']).where('word', 'in', part).execute();
    for (const r of rows) found.set(r.word, toCount(r.docs));
  }
  return found;
}

export async function countDocuments(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('search_documents').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return toCount(row.n);
}

/** Filter conditions on the index entry `d` (search_documents; each starts with `and`). Dialect-neutral SQL. */
export function filterConditions(filters: SearchFilters): RawBuilder<unknown> {
  return sql`${articleFilterConditions(filters, sql`d.article_id`)} ${dateFilterConditions(filters)}`;
}

/** The section and author conditions (each starts with `and`) on the article whose id is `articleId`. */
export function articleFilterConditions(filters: SearchFilters, articleId: RawBuilder<unknown>): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (filters.sectionIds && filters.sectionIds.length > 0) {
    parts.push(sql`and exists (select 1 from article_sections fs where fs.article_id = ${articleId} and fs.section_id in (${sql.join(filters.sectionIds)}))`);
  }
  if (filters.authorId !== undefined) {
    parts.push(sql`and exists (select 1 from article_authors fa where fa.article_id = ${articleId} and fa.author_id = ${filters.authorId})`);
  }
  return parts.length === 0 ? sql`` : sql.join(parts, sql` `);
}

/** The date conditions (each starts with `and`) on the index entry `d`'s publication time. */
export function dateFilterConditions(filters: SearchFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (filters.from) parts.push(sql`and d.published_at >= ${filters.from.toISOString()}`);
  if (filters.to) parts.push(sql`and d.published_at < ${filters.to.toISOString()}`);
  return parts.length === 0 ? sql`` : sql.join(parts, sql` `);
}

/** Ranking parameters checked once: a weight in [0, 1] and a positive half-life. */
export function rankingValues(ranking: SearchRanking): { w: number; half: number; nowMs: number; candidates: number } {
  const w = Number.isFinite(ranking.recencyWeight) ? Math.min(1, Math.max(0, ranking.recencyWeight)) : 0;
  const half = Number.isFinite(ranking.halfLifeDays) && ranking.halfLifeDays > 0 ? ranking.halfLifeDays : 30;
  const c = ranking.candidates;
  const candidates = c !== undefined && Number.isInteger(c) && c >= 1 ? c : RANKED_CANDIDATES;
  return { w, half, nowMs: ranking.now.getTime(), candidates };
}

/** Terms as they may reach a query: non-empty, bounded. */
export function cleanTerms(terms: readonly string[]): string[] {
  return [...new Set(terms.filter((t) => typeof t === 'string' && t.length > 0 && t.length <= 200))];
}

/**
 * Broad queries (more matches than this, no filters) rank only their newest this-many matches by
 * article id (ids grow with publication): relevance then costs the same for "تونس" as for a rare
 * name, and news readers want recent articles among thousands anyway. `total` stays exact.
 * docs/decisions/007-search-index.md, "Ranking".
 */
export const RANKED_CANDIDATES = 1000;

export function hasFilters(filters: SearchFilters): boolean {
  return Boolean(filters.sectionIds?.length) || filters.authorId !== undefined || filters.from !== undefined || filters.to !== undefined;
}

/** How a dialect writes and removes its full-text entries (the vocabulary is kept here, for both). */
export interface SearchEntryWrites {
  /** Removes the entries of these articles; returns the words each one had. */
  removeEntries(ids: readonly number[]): Promise<Map<number, string[]>>;
  insertEntries(docs: readonly SearchDocument[]): Promise<void>;
}

/**
 * `index` and `remove` of a SearchIndex over a dialect's entry writes: the same on both stores,
 * the vocabulary's document frequencies moved by what was replaced or removed.
 */
export function vocabularyKeepingWrites(db: Kysely<Database>, entries: SearchEntryWrites): Pick<SearchIndex, 'index' | 'remove'> {
  return {
    async index(docs) {
      if (docs.length === 0) return;
      const old = await entries.removeEntries(docs.map((d) => d.articleId));
      await entries.insertEntries(docs);
      await adjustVocabulary(db, docs.map((d) => d.text.words), [...old.values()]);
    },
    async remove(ids) {
      if (ids.length === 0) return;
      const old = await entries.removeEntries(ids);
      await adjustVocabulary(db, [], [...old.values()]);
    },
  };
}

/**
 * Fills an empty vocabulary from the index's own `search_documents.words` (each document's
 * distinct words, space-separated), counted by the database: a rebuild no longer holds the whole
 * vocabulary in a JavaScript map (it was the import's peak memory, decision 028). `countSql` is
 * the dialect's `insert into search_vocabulary … select word, count(*) … group by word` over the
 * documents it can split; `leftOver` selects the documents it could not (none in practice: words
 * are letters and digits), which are counted here in slices and upserted.
 */
export async function vocabularyFromDocuments(db: Kysely<Database>, countSql: RawBuilder<unknown>, leftOver: RawBuilder<{ words: string }> | null): Promise<void> {
  await countSql.execute(db);
  if (leftOver === null) return;
  const rows = (await leftOver.execute(db)).rows;
  for (const part of chunks(rows, 500)) {
    const delta = new Map<string, number>();
    for (const r of part) for (const w of r.words.split(' ')) delta.set(w, (delta.get(w) ?? 0) + 1);
    await writeVocabularyDeltas(db, [...delta]);
  }
}

/** A match as a store reads it for ranking in JavaScript: relevance already mapped into [0, 1). */
export interface RankableMatch {
  id: number;
  relevance: number;
  /** ISO 8601, as stored (compared as text for ties, like the SQL ordering). */
  publishedAt: string;
}

/**
 * Ranks a bounded set of matches in JavaScript with the formula the SQL ranking uses
 * (docs/decisions/007-search-index.md, "Ranking"): `(1 − w) · relevance + w · recency`, ties newer
 * first, then the higher id; returns the page asked for. Used for unfiltered queries, whose
 * candidates are at most `candidates` rows (decision 023): sorting a thousand numbers here costs
 * less than a SQL sort with a window count over the same rows. Only the matches up to the end of
 * the page are ordered (decision 034): the best `offset + limit` are kept in a sorted array as the
 * scores are computed (one comparison for most matches), the same page as sorting them all,
 * since the order is total (ids are distinct).
 */
export function rankMatches(matches: readonly RankableMatch[], ranking: SearchRanking, paging: { limit: number; offset: number }): Array<{ id: number; score: number; publishedAt: Date }> {
  const { w, half, nowMs } = rankingValues(ranking);
  const offset = Math.max(0, paging.offset);
  const end = offset + Math.max(0, paging.limit);
  if (end <= offset || offset >= matches.length) return [];
  const scoreOf = (m: RankableMatch): Scored => {
    const publishedMs = Date.parse(m.publishedAt);
    const ageDays = Math.max(0, (nowMs - publishedMs) / 86_400_000);
    return { id: m.id, publishedAt: m.publishedAt, publishedMs, score: (1 - w) * m.relevance + w * (1 / (1 + ageDays / half)) };
  };
  const page = (sorted: readonly Scored[]) => sorted.slice(offset, end).map((s) => ({ id: s.id, score: s.score, publishedAt: new Date(s.publishedMs) }));
  // Deep pages: sorting everything is cheaper than keeping hundreds in order by insertion.
  if (end > SELECTED_MAX) return page(matches.map(scoreOf).sort(byRank));
  const top: Scored[] = [];
  for (const m of matches) {
    const s = scoreOf(m);
    if (top.length === end && byRank(s, top[end - 1]!) >= 0) continue;
    // Binary search for the first kept entry that s ranks before.
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byRank(s, top[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, s);
    if (top.length > end) top.pop();
  }
  return page(top);
}

/** Up to this page end, rankMatches keeps the best in order as it goes instead of sorting all. */
const SELECTED_MAX = 100;

interface Scored {
  id: number;
  publishedAt: string;
  publishedMs: number;
  score: number;
}

/** The ranking order: higher score, then newer (ISO text, as SQL compares it), then the higher id. */
function byRank(a: Scored, b: Scored): number {
  return b.score - a.score || (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0) || b.id - a.id;
}
