import { sql, type Kysely } from 'kysely';
import type { SearchDocument, SearchIndex, SearchMatch } from '../ports.js';
import type { Database } from '../shared/schema.js';
import {
  chunks,
  cleanTerms,
  countDocuments,
  filterConditions,
  hasFilters,
  previousWords,
  rankingValues,
  rankMatches,
  readFrequencies,
  vocabularyKeepingWrites,
  vocabularyFromDocuments,
} from '../shared/search/searchTables.js';
import { toCount } from '../shared/values.js';

/** bm25 weights of title, lede, tags, body, surface (surface only counts for phrase-only queries). */
const WEIGHTS = sql.raw('10.0, 5.0, 3.0, 1.0, 0.5');
/** bm25 relevance r ≥ 0 becomes r / (r + K) in [0, 1); K is about a good body-only match here. */
const K = 10;
const CONTENT_COLUMNS = '{title lede tags body}';

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
 */
export function ftsExpression(match: SearchMatch): string | null {
  const positive: string[] = [];
  const groups = match.groups.map(anyOf).filter((g): g is string => g !== null);
  if (match.mode === 'any' && groups.length > 0) {
    positive.push(`${CONTENT_COLUMNS} : ${anyOf(match.groups.flat())}`);
  } else {
    for (const g of groups) positive.push(`${CONTENT_COLUMNS} : ${g}`);
  }
  for (const phrase of match.phrases) {
    const words = phrase.filter((w) => w.length > 0 && w.length <= 200);
    if (words.length > 0) positive.push(`surface : (${words.map(literal).join(' + ')})`);
  }
  if (positive.length === 0) return null;
  let expr = positive.map((p) => `(${p})`).join(' AND ');
  const excluded = anyOf(match.exclude.flat());
  if (excluded !== null) expr = `(${expr}) NOT (${CONTENT_COLUMNS} : ${excluded})`;
  return expr;
}

/**
 * The search index on SQLite: a contentless FTS5 table `search_fts` (rowid = article id) ranked
 * with bm25, beside the shared `search_documents` and `search_vocabulary` tables.
 */
export function createSearchIndex(db: Kysely<Database>): SearchIndex {
  async function removeEntries(ids: readonly number[]): Promise<Map<number, string[]>> {
    const old = await previousWords(db, ids);
    const present = [...old.keys()];
    for (const part of chunks(present, 500)) {
      await sql`delete from search_fts where rowid in (${sql.join(part)})`.execute(db);
      await db.deleteFrom('search_documents').where('article_id', 'in', part).execute();
    }
    return old;
  }

  async function insertEntries(docs: readonly SearchDocument[]): Promise<void> {
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
    await sql`delete from search_fts`.execute(db);
    await db.deleteFrom('search_documents').execute();
    await db.deleteFrom('search_vocabulary').execute();
  }

  return {
    ...vocabularyKeepingWrites(db, { removeEntries, insertEntries }),

    async query(match, filters, paging, ranking) {
      const expr = ftsExpression(match);
      if (expr === null) return { total: 0, hits: [] };
      const { w, half, nowMs, candidates } = rankingValues(ranking);
      if (!hasFilters(filters)) {
        // Unfiltered (decision 023): one FTS5 walk from the newest match backwards, scoring only
        // the newest `candidates` matches (bm25 is the cost per row), ranked in JavaScript. When
        // fewer match, that walk was every match and its length is the total; otherwise the total
        // is counted without scoring.
        const rows = await sql<{ id: number; rel: number; published_at: string }>`
          select f.rowid as id, -bm25(search_fts, ${WEIGHTS}) as rel, d.published_at
          from search_fts f join search_documents d on d.article_id = f.rowid
          where search_fts match ${expr}
          order by f.rowid desc limit ${candidates}`.execute(db);
        const total =
          rows.rows.length < candidates ? rows.rows.length : toCount((await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match ${expr}`.execute(db)).rows[0]?.n);
        const matches = rows.rows.map((r) => ({ id: Number(r.id), relevance: Number(r.rel) / (Number(r.rel) + K), publishedAt: r.published_at }));
        return { total, hits: rankMatches(matches, ranking, paging) };
      }
      // Filtered queries are ranked in full, in SQL (the filters are joins on the index entries).
      const nowJulian = nowMs / 86_400_000 + 2_440_587.5;
      const rows = await sql<{ id: number; published_at: string; score: number; total: number }>`
        with m as (
          select rowid as id, -bm25(search_fts, ${WEIGHTS}) as rel from search_fts
          where search_fts match ${expr}
        )
        select m.id, d.published_at,
          ${1 - w} * (m.rel / (m.rel + ${K})) + ${w} * (1.0 / (1.0 + max(0.0, ${nowJulian} - julianday(d.published_at)) / ${half})) as score,
          count(*) over () as total
        from m join search_documents d on d.article_id = m.id
        where 1 = 1 ${filterConditions(filters)}
        order by score desc, d.published_at desc, m.id desc
        limit ${paging.limit} offset ${paging.offset}`.execute(db);
      let total = rows.rows[0] ? toCount(rows.rows[0].total) : 0;
      if (rows.rows.length === 0 && paging.offset > 0) {
        const all = await sql<{ n: number }>`
          select count(*) as n from search_fts f join search_documents d on d.article_id = f.rowid
          where search_fts match ${expr} ${filterConditions(filters)}`.execute(db);
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
      let indexed = 0;
      for await (const docs of batches) {
        await insertEntries(docs);
        indexed += docs.length;
      }
      // The vocabulary counted by SQLite: each document's words as a JSON array. Words are letters
      // and digits, so the array is valid; a document with a backslash (a JSON escape would change
      // the word) or whose array is not valid is counted in JavaScript instead.
      const asJson = sql`'["' || replace(d.words, ' ', '","') || '"]'`;
      const splittable = sql`instr(d.words, char(92)) = 0 and json_valid(${asJson})`;
      await vocabularyFromDocuments(
        db,
        sql`insert into search_vocabulary (word, docs)
          select j.value, count(*) from search_documents d, json_each(${asJson}) j
          where d.words <> '' and ${splittable}
          group by j.value`,
        sql<{ words: string }>`select d.words from search_documents d where d.words <> '' and not (${splittable})`,
      );
      // One segment: the layout queries read fastest (bulk writes left many small ones).
      await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
      return indexed;
    },

    count: () => countDocuments(db),
  };
}
