import { sql, type Kysely } from 'kysely';
import type { SearchDocument, SearchIndex, SearchMatch } from '../ports.js';
import type { Database } from '../shared/schema.js';
import {
  chunks,
  articleFilterConditions,
  cleanTerms,
  countDocuments,
  dateFilterConditions,
  hasFilters,
  previousWords,
  rankingValues,
  rankMatches,
  readFrequencies,
  vocabularyKeepingWrites,
  writeVocabularyDeltas,
} from '../shared/search/searchTables.js';
import { stateCounterReader } from '../shared/contentVersion.js';
import { toCount } from '../shared/values.js';
import type { CachedCandidates, CandidateCache } from './candidateCache.js';
import { DOCUMENT_DATES, RELEVANCE_K, type CandidateReader } from './candidateReader.js';

/** bm25 weights of title, lede, tags, body, surface (surface only counts for phrase-only queries). */
const WEIGHTS = '10.0, 5.0, 3.0, 1.0, 0.5';
/**
 * The same weights with surface at 0, for expressions without column filters (decision 031): the
 * instances a word has in `surface` then weigh nothing, as the column filter left them out.
 */
const WEIGHTS_UNSCOPED = '10.0, 5.0, 3.0, 1.0, 0.0';
const K = RELEVANCE_K;
const CONTENT_COLUMNS = '{title lede tags body}';
/** FTS5's own `automerge` when the table never set one. */
const FTS5_DEFAULT_AUTOMERGE = 4;
/** Distinct words a rebuild counts in memory before writing their counts out (bounded memory). */
const VOCABULARY_FLUSH = 200_000;

/** An FTS5 string literal: terms hold only letters and digits, quotes are doubled anyway. */
function literal(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

function anyOf(terms: readonly string[]): string | null {
  const clean = cleanTerms(terms);
  return clean.length === 0 ? null : `(${clean.map(literal).join(' OR ')})`;
}

/**
 * The FTS5 MATCH expression of a plan: every part parenthesized, column filters explicit, every
 * term quoted, so nothing a reader typed can act as an FTS5 operator. Null when nothing positive.
 *
 * `scoped: false` leaves out the `{title lede tags body}` filter of words and exclusions (phrases
 * keep theirs, `surface`). It matches the same rows: every word of `surface` is also the first
 * index term of that word in its title, lede or body field (the analyzer writes both from the
 * same word), so a term found in `surface` is found in the content columns too. Without the
 * filter FTS5 does not decode each row's column list to test it (decision 031), and bm25 with the
 * surface weight at 0 (`WEIGHTS_UNSCOPED`) gives the same scores.
 */
export function ftsExpression(match: SearchMatch, scoped = true): string | null {
  const scope = scoped ? `${CONTENT_COLUMNS} : ` : '';
  const positive: string[] = [];
  const groups = match.groups.map(anyOf).filter((g): g is string => g !== null);
  if (match.mode === 'any' && groups.length > 0) {
    positive.push(`${scope}${anyOf(match.groups.flat())}`);
  } else {
    for (const g of groups) positive.push(`${scope}${g}`);
  }
  for (const phrase of match.phrases) {
    const words = phrase.filter((w) => w.length > 0 && w.length <= 200);
    if (words.length > 0) positive.push(`surface : (${words.map(literal).join(' + ')})`);
  }
  if (positive.length === 0) return null;
  let expr = positive.map((p) => `(${p})`).join(' AND ');
  const excluded = anyOf(match.exclude.flat());
  if (excluded !== null) expr = `(${expr}) NOT (${scope}${excluded})`;
  return expr;
}

/**
 * The search index on SQLite: a contentless FTS5 table `search_fts` (rowid = article id) ranked
 * with bm25, beside the shared `search_documents` and `search_vocabulary` tables. `cache` (shared
 * by the store's instances, transactions included: any write through them empties it) keeps the
 * candidates of unfiltered queries per version of the index (`search_version`, moved by every index
 * write: comments and other writes that leave the index alone keep it); it is read outside
 * transactions only. `reader` (the store's own statements on its connection, decision 034) reads
 * the candidates of unfiltered queries outside transactions while none is open on the connection;
 * without it, or otherwise, they are read through Kysely.
 */
export function createSearchIndex(db: Kysely<Database>, cache?: CandidateCache, reader?: CandidateReader): SearchIndex {
  // The index's version (0 before the first index write).
  const indexVersion = stateCounterReader(db, 'search_version');
  const cached = cache !== undefined && !db.isTransaction ? cache : undefined;
  /** Every write to the index moves its version, in the write's transaction: another process's cache sees it. */
  const moved = async () => {
    cache?.clear();
    await sql`insert into khabar_state (key, value) values ('search_version', 1) on conflict (key) do update set value = khabar_state.value + 1`.execute(db);
  };

  async function removeEntries(ids: readonly number[]): Promise<Map<number, string[]>> {
    await moved();
    const old = await previousWords(db, ids);
    const present = [...old.keys()];
    for (const part of chunks(present, 500)) {
      await sql`delete from search_fts where rowid in (${sql.join(part)})`.execute(db);
      await db.deleteFrom('search_documents').where('article_id', 'in', part).execute();
    }
    return old;
  }

  async function insertEntries(docs: readonly SearchDocument[]): Promise<void> {
    await moved();
    for (const part of chunks(docs, 100)) {
      await sql`insert into search_fts (rowid, title, lede, tags, body, surface) values ${sql.join(
        part.map((d) => sql`(${d.articleId}, ${d.text.fields.title}, ${d.text.fields.lede}, ${d.text.fields.tags}, ${d.text.fields.body}, ${d.text.surface})`),
      )}`.execute(db);
      await db
        .insertInto('search_documents')
        .values(part.map((d) => ({ article_id: d.articleId, published_at: d.publishedAt.toISOString(), words: d.text.words.join(' ') })))
        .execute();
    }
  }

  async function clear(): Promise<void> {
    await moved();
    // FTS5's own command empties the index at once; `delete from` wrote a tombstone per row.
    await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
    await db.deleteFrom('search_documents').execute();
    await db.deleteFrom('search_vocabulary').execute();
  }

  return {
    ...vocabularyKeepingWrites(db, { removeEntries, insertEntries }),

    async query(match, filters, paging, ranking) {
      // Which rows match does not depend on the column filters (see ftsExpression): counts always
      // run without them; scores do too unless the plan has a phrase, whose instances are in
      // `surface` and weigh 0.5 there.
      const unscoped = ftsExpression(match, false);
      if (unscoped === null) return { total: 0, hits: [] };
      const [expr, weights] = match.phrases.length === 0 ? [unscoped, WEIGHTS_UNSCOPED] : [ftsExpression(match)!, WEIGHTS];
      const { w, half, nowMs, candidates } = rankingValues(ranking);
      if (!hasFilters(filters)) {
        // Unfiltered (decision 023): one FTS5 walk from the newest match backwards, scoring only
        // the newest `candidates` matches (bm25 is the cost per row), ranked in JavaScript. When
        // fewer match, that walk was every match and its length is the total; otherwise the rest
        // (the matches older than the oldest candidate) is counted without scoring.
        // The same walk at the same index version finds the same candidates: kept (decision 031).
        const key = `${candidates} ${expr}`;
        const version = cached ? await indexVersion() : 0;
        let found: CachedCandidates | undefined = cached?.get(version, key);
        if (found === undefined && reader !== undefined && !db.isTransaction) {
          found = reader(expr, unscoped, weights, candidates);
          if (found !== undefined) cached?.set(version, key, found);
        }
        if (found === undefined) {
          const rows = await sql<{ id: number; rel: number; published_at: string }>`
            select f.rowid as id, -bm25(search_fts, ${sql.raw(weights)}) as rel, d.published_at
            from search_fts f join ${sql.raw(DOCUMENT_DATES)} on d.article_id = f.rowid
            where search_fts match ${expr}
            order by f.rowid desc limit ${candidates}`.execute(db);
          const oldest = rows.rows[rows.rows.length - 1]?.id;
          const total =
            rows.rows.length < candidates || oldest === undefined
              ? rows.rows.length
              : rows.rows.length +
                toCount((await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match ${unscoped} and rowid < ${oldest}`.execute(db)).rows[0]?.n);
          found = { total, matches: rows.rows.map((r) => ({ id: Number(r.id), relevance: Number(r.rel) / (Number(r.rel) + K), publishedAt: r.published_at })) };
          cached?.set(version, key, found);
        }
        return { total: found.total, hits: rankMatches(found.matches, ranking, paging) };
      }
      // Filtered queries are ranked in full, in SQL. The section and author conditions test the
      // full-text row's id inside a materialized `m`, so bm25 is computed only for the rows they
      // keep and the index entries are read only for those (decision 031; flattened, SQLite read
      // the entry of every match, then tested the conditions: 37 ms instead of 8 for a section).
      const nowJulian = nowMs / 86_400_000 + 2_440_587.5;
      const rows = await sql<{ id: number; published_at: string; score: number; total: number }>`
        with m as materialized (
          select f.rowid as id, -bm25(search_fts, ${sql.raw(weights)}) as rel from search_fts f
          where search_fts match ${expr} ${articleFilterConditions(filters, sql`f.rowid`)}
        )
        select m.id, d.published_at,
          ${1 - w} * (m.rel / (m.rel + ${K})) + ${w} * (1.0 / (1.0 + max(0.0, ${nowJulian} - julianday(d.published_at)) / ${half})) as score,
          count(*) over () as total
        from m join ${sql.raw(DOCUMENT_DATES)} on d.article_id = m.id
        where 1 = 1 ${dateFilterConditions(filters)}
        order by score desc, d.published_at desc, m.id desc
        limit ${paging.limit} offset ${paging.offset}`.execute(db);
      let total = rows.rows[0] ? toCount(rows.rows[0].total) : 0;
      if (rows.rows.length === 0 && paging.offset > 0) {
        const all = await sql<{ n: number }>`
          select count(*) as n from search_fts f join ${sql.raw(DOCUMENT_DATES)} on d.article_id = f.rowid
          where search_fts match ${unscoped} ${articleFilterConditions(filters, sql`f.rowid`)} ${dateFilterConditions(filters)}`.execute(db);
        total = toCount(all.rows[0]?.n);
      }
      return {
        total,
        hits: rows.rows.map((r) => ({ id: Number(r.id), score: Number(r.score), publishedAt: new Date(r.published_at) })),
      };
    },

    frequencies: (words) => readFrequencies(db, words),

    clear,

    async rebuild(batches) {
      await clear();
      // No incremental merges while the rebuild writes (decision 031): `optimize` below merges
      // every segment into one anyway, so the merges FTS5 runs after each flush (automerge, 4 by
      // default) were work thrown away (~15% of the FTS5 writes). Restored before `optimize`.
      const automerge = (await sql<{ v: number }>`select v from search_fts_config where k = 'automerge'`.execute(db)).rows[0]?.v;
      await sql`insert into search_fts (search_fts, rank) values ('automerge', 0)`.execute(db);
      // The vocabulary is counted here, word by word, as the documents are written (decision 031:
      // counting the stored word lists in SQL sorted ~12 million document-word pairs, a fifth of a
      // 100,000-article rebuild); the map is written out whenever it holds VOCABULARY_FLUSH words,
      // so its memory stays bounded whatever the size of the archive.
      const counts = new Map<string, number>();
      const flush = async (): Promise<void> => {
        const sorted = [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        counts.clear();
        await writeVocabularyDeltas(db, sorted);
      };
      let indexed = 0;
      for await (const docs of batches) {
        await insertEntries(docs);
        for (const d of docs) for (const word of d.text.words) counts.set(word, (counts.get(word) ?? 0) + 1);
        if (counts.size >= VOCABULARY_FLUSH) await flush();
        indexed += docs.length;
      }
      await flush();
      // FTS5 takes the setting only as an integer literal (a bound number is refused).
      const restored = Number.isInteger(Number(automerge)) ? Number(automerge) : FTS5_DEFAULT_AUTOMERGE;
      await sql`insert into search_fts (search_fts, rank) values ('automerge', ${sql.raw(String(restored))})`.execute(db);
      // One segment: the layout queries read fastest (bulk writes left many small ones).
      await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
      return indexed;
    },

    count: () => countDocuments(db),
  };
}
