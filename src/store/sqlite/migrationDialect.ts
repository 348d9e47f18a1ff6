import { sql } from 'kysely';
import type { MigrationDialect } from '../shared/migrations/MigrationDialect.js';

/**
 * AUTOINCREMENT so ids are never reused: permalinks with %post_id% must stay unique forever.
 * Search: a contentless FTS5 table (the text lives in `articles`; deletes allowed) whose rowid is
 * the article id. The terms are analysed before they arrive: letters and digits only, lower-cased,
 * separated by spaces. FTS5's `ascii` tokenizer splits only at ASCII non-alphanumerics and keeps
 * every non-ASCII character as part of a token, so each Arabic term stays whole and nothing is
 * folded twice; it indexed ANT articles 1.8× faster than `unicode61 remove_diacritics 0`, with the
 * same matches (docs/decisions/007-search-index.md).
 */
export const sqliteMigrationDialect: MigrationDialect = {
  autoId: (column) => column.primaryKey().autoIncrement(),
  async createSearchIndex(db) {
    await sql`create virtual table search_fts using fts5(
      title, lede, tags, body, surface,
      tokenize = 'ascii',
      content = '', contentless_delete = 1
    )`.execute(db);
    // Larger pages and fewer, later merges: bulk indexing (import, reindex) measured ~1.5× faster on
    // ANT articles; queries read the same number of segments after the merges.
    await sql`insert into search_fts (search_fts, rank) values ('pgsz', 8000)`.execute(db);
    await sql`insert into search_fts (search_fts, rank) values ('crisismerge', 32)`.execute(db);
  },
  async dropSearchIndex(db) {
    await sql`drop table if exists search_fts`.execute(db);
  },
  // The candidates' publication times from a small covering index (decision 034): each
  // `search_documents` row holds the document's word list (2–3 rows per 4 KB page), so reading
  // a thousand candidates' dates from the table touched about a thousand pages, most of them
  // outside the page cache; the index holds ~110 entries per page.
  async createSearchCandidateIndex(db) {
    await sql`create index search_documents_published_idx on search_documents (article_id, published_at)`.execute(db);
  },
  async dropSearchCandidateIndex(db) {
    await sql`drop index if exists search_documents_published_idx`.execute(db);
  },
};
