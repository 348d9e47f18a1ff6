import { sql, type Kysely, type RawBuilder } from 'kysely';
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

/** ts_rank weights in PostgreSQL's order {D, C, B, A}: body, tags, lede, title. */
const WEIGHTS = sql.raw(`'{0.1, 0.3, 0.5, 1.0}'::float4[]`);

/**
 * An unfiltered query first looks for its newest matches among this many times `candidates` of
 * the newest ids (8,000 by default): a query matching one article in eight finds them all there.
 */
const NEWEST_WINDOW = 8;

/** A tsquery lexeme: quoted, quotes and backslashes escaped (terms hold letters and digits). */
function lexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function anyOf(terms: readonly string[]): string | null {
  const clean = cleanTerms(terms);
  return clean.length === 0 ? null : `(${clean.map(lexeme).join(' | ')})`;
}

/** The tsquery texts of a plan: terms (over `tsv`), phrases (over `surface_tsv`), exclusions. */
export function tsQueries(match: SearchMatch): { terms: string | null; phrases: string | null; exclude: string | null } {
  const groups = match.groups.map(anyOf).filter((g): g is string => g !== null);
  const terms = groups.length === 0 ? null : match.mode === 'any' ? anyOf(match.groups.flat()) : groups.join(' & ');
  const phraseParts = match.phrases
    .map((p) => p.filter((w) => w.length > 0 && w.length <= 200))
    .filter((p) => p.length > 0)
    .map((p) => `(${p.map(lexeme).join(' <-> ')})`);
  return { terms, phrases: phraseParts.length === 0 ? null : phraseParts.join(' & '), exclude: anyOf(match.exclude.flat()) };
}

/** `to_tsquery('simple', …)`: the same parser as the stored vectors, so both sides split alike. */
function tsquery(text: string): RawBuilder<unknown> {
  return sql`to_tsquery('simple', ${text})`;
}

/**
 * The search index on PostgreSQL: `search_documents.tsv` (weighted analysed terms) and
 * `surface_tsv` (surface words with positions), GIN-indexed, ranked with ts_rank.
 */
export function createSearchIndex(db: Kysely<Database>): SearchIndex {
  async function removeEntries(ids: readonly number[]): Promise<Map<number, string[]>> {
    const old = await previousWords(db, ids);
    for (const part of chunks([...old.keys()], 500)) await db.deleteFrom('search_documents').where('article_id', 'in', part).execute();
    return old;
  }

  async function insertEntries(docs: readonly SearchDocument[]): Promise<void> {
    for (const part of chunks(docs, 100)) {
      await sql`insert into search_documents (article_id, published_at, words, tsv, surface_tsv) values ${sql.join(
        part.map(
          (d) => sql`(${d.articleId}, ${d.publishedAt.toISOString()}, ${d.text.words.join(' ')},
            setweight(to_tsvector('simple', ${d.text.fields.title}), 'A') ||
            setweight(to_tsvector('simple', ${d.text.fields.lede}), 'B') ||
            setweight(to_tsvector('simple', ${d.text.fields.tags}), 'C') ||
            setweight(to_tsvector('simple', ${d.text.fields.body}), 'D'),
            to_tsvector('simple', ${d.text.surface}))`,
        ),
      )}`.execute(db);
    }
  }

  async function clear(): Promise<void> {
    await db.deleteFrom('search_documents').execute();
    await db.deleteFrom('search_vocabulary').execute();
  }

  return {
    ...vocabularyKeepingWrites(db, { removeEntries, insertEntries }),

    async query(match, filters, paging, ranking) {
      const q = tsQueries(match);
      if (q.terms === null && q.phrases === null) return { total: 0, hits: [] };
      const { w, half, nowMs, candidates } = rankingValues(ranking);
      // The tsqueries are parsed once, in a one-row subquery the planner may not flatten (offset 0):
      // written inline, to_tsquery (a stable function) would run again for every row it is tested on.
      const none = sql`null::tsquery`;
      // With terms, the exclusions go into the matching tsquery (`terms & !(excluded)`): the GIN
      // index then answers them, where `not (tsv @@ …)` read and tested every match's vector
      // (الحكومة -الشاهد at 100,000 articles: 440–570 → 100–140 ms). Ranking keeps the terms alone.
      const matching = q.terms !== null && q.exclude !== null ? `(${q.terms}) & !${q.exclude}` : q.terms;
      const source = sql`(select ${q.terms !== null ? tsquery(q.terms) : none} as tq, ${matching !== null ? tsquery(matching) : none} as mq, ${
        q.phrases !== null ? tsquery(q.phrases) : none
      } as pq, ${q.exclude !== null && q.terms === null ? tsquery(q.exclude) : none} as xq offset 0) q cross join search_documents d`;
      const conditions: RawBuilder<unknown>[] = [];
      if (matching !== null) conditions.push(sql`d.tsv @@ q.mq`);
      if (q.phrases !== null) conditions.push(sql`d.surface_tsv @@ q.pq`);
      if (q.exclude !== null && q.terms === null) conditions.push(sql`not (d.tsv @@ q.xq)`);
      // Normalization 32 turns a rank r into r / (r + 1), in [0, 1).
      const relevance = q.terms !== null ? sql`ts_rank(${WEIGHTS}, d.tsv, q.tq, 32)` : sql`ts_rank(d.surface_tsv, q.pq, 32)`;
      const where = sql.join(conditions, sql` and `);
      const outerRelevance = q.terms !== null ? sql`ts_rank(${WEIGHTS}, r.tsv, m.tq, 32)` : sql`ts_rank(r.surface_tsv, m.pq, 32)`;
      if (!hasFilters(filters)) {
        // Unfiltered (decision 023): the newest `candidates` matches with their rank in one
        // statement, ranked in JavaScript; fewer rows than that is every match, so the total is
        // counted (without ranking) only for broad queries.
        // The walk sorts only ids; the candidates' documents are read again by key for ranking
        // (carrying every match's tsvectors through the sort cost ~25 % more on a broad query).
        const walk = async (range: RawBuilder<unknown>, limit: number) =>
          (
            await sql<{ id: number; rel: number; published_at: string }>`
              select m.id, ${outerRelevance} as rel, r.published_at from (
                select d.article_id as id, q.tq, q.pq from ${source}
                where ${where} and ${range} order by d.article_id desc limit ${limit}
              ) m join search_documents r on r.article_id = m.id order by m.id desc`.execute(db)
          ).rows;
        // The newest ids first (decision 038): GIN hands back every match, and reading them all from
        // the heap to keep the newest was what a broad query cost (تونس at 100,000 articles: 30,700
        // matches on ~15,000 pages, 160–210 ms warm). Bounded to the newest ids, the GIN bitmap is
        // ANDed with the key's range and only those pages are read (تونس: ~100 ms, most of it the
        // count and ts_rank); a query with fewer matches there reads the rest below it.
        const top = (await sql<{ top: number | null }>`select max(article_id) as top from search_documents`.execute(db)).rows[0]?.top;
        const window = candidates * NEWEST_WINDOW;
        let newest: Array<{ id: number; rel: number; published_at: string }>;
        if (top !== null && top !== undefined && Number(top) > window) {
          const below = Number(top) - window;
          newest = await walk(sql`d.article_id > ${below}`, candidates);
          if (newest.length < candidates) newest = newest.concat(await walk(sql`d.article_id <= ${below}`, candidates - newest.length));
        } else {
          newest = await walk(sql`true`, candidates);
        }
        const total =
          newest.length < candidates ? newest.length : toCount((await sql<{ n: string }>`select count(*) as n from ${source} where ${where}`.execute(db)).rows[0]?.n);
        const matches = newest.map((r) => ({ id: Number(r.id), relevance: Number(r.rel), publishedAt: r.published_at }));
        return { total, hits: rankMatches(matches, ranking, paging) };
      }
      const rows = await sql<{ id: number; published_at: string; score: number; total: string }>`
        select d.article_id as id, d.published_at,
          ${1 - w}::float8 * ${relevance} + ${w}::float8 * (1.0 / (1.0 + greatest(0.0, (${nowMs / 1000}::float8 - extract(epoch from d.published_at::timestamptz)::float8) / 86400.0) / ${half}::float8)) as score,
          count(*) over () as total
        from ${source}
        where ${where} ${filterConditions(filters)}
        order by score desc, d.published_at desc, d.article_id desc
        limit ${paging.limit} offset ${paging.offset}`.execute(db);
      let total = rows.rows[0] ? toCount(rows.rows[0].total) : 0;
      if (rows.rows.length === 0 && paging.offset > 0) {
        const all = await sql<{ n: string }>`
          select count(*) as n from ${source}
          where ${where} ${filterConditions(filters)}`.execute(db);
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
      // The next batch is read and analysed (JavaScript) while the server builds this one's vectors.
      const source = batches[Symbol.asyncIterator]();
      let next = source.next();
      for (;;) {
        const step = await next;
        if (step.done) break;
        const docs = step.value;
        const written = insertEntries(docs);
        next = source.next();
        // If both fail, the insert's error is the one reported; the read's must not go unhandled.
        next.catch(() => {});
        await written;
        indexed += docs.length;
      }
      // The vocabulary counted by the server from each document's distinct words.
      await vocabularyFromDocuments(
        db,
        sql`insert into search_vocabulary (word, docs)
          select w, count(*) from search_documents d, unnest(string_to_array(d.words, ' ')) as w
          where d.words <> ''
          group by w`,
        null,
      );
      await sql`analyze search_documents`.execute(db);
      await sql`analyze search_vocabulary`.execute(db);
      return indexed;
    },

    count: () => countDocuments(db),
  };
}
