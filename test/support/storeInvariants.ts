import Database from 'better-sqlite3';
import pg from 'pg';

/** Runs one SQL query (no parameters) and returns its rows; the same SQL runs on both stores. */
export type RawQuery = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * What a write half done would leave behind, as SQL over our schema: each query lists the rows
 * that break one rule (none, when the store is whole). The rules hold after any committed
 * transaction because every write that touches two tables does so in one transaction.
 */
export const STORE_INVARIANTS: Record<string, string> = {
  // A newsroom creation and every save write the revision of the version they make in the same
  // transaction (imports and the demo write no revisions: their articles have created_by null).
  'newsroom article without a revision of its current version':
    'select a.id from articles a where a.created_by is not null and not exists (select 1 from article_revisions r where r.article_id = a.id and r.version = a.version)',
  'revision newer than its article': 'select r.id from article_revisions r join articles a on a.id = r.article_id where r.version > a.version',
  // The approved count is moved in the comment's transaction (repositories/comments.ts).
  'comment count that disagrees with the approved comments':
    "select a.id, a.comment_count from articles a where a.comment_count <> (select count(*) from comments c where c.article_id = a.id and c.status = 'approved')",
  'published article without a publication time': "select id from articles where status = 'published' and published_at is null",
  // The search index follows every save in the same transaction.
  'published article missing from the search index':
    "select a.id from articles a where a.status = 'published' and not exists (select 1 from search_documents s where s.article_id = a.id)",
  'search entry of an article that is not published':
    "select s.article_id from search_documents s where not exists (select 1 from articles a where a.id = s.article_id and a.status = 'published')",
  'comment reply on another article':
    'select c.id from comments c join comments p on p.id = c.parent_id where p.article_id <> c.article_id',
  // Import keys are written in the batch's transaction: a key always names a row that exists.
  'import key of a missing article': "select k.source_id from import_keys k where k.kind = 'article' and not exists (select 1 from articles a where a.id = k.target_id)",
  'import key of a missing comment': "select k.source_id from import_keys k where k.kind = 'comment' and not exists (select 1 from comments c where c.id = k.target_id)",
  'import key of a missing page': "select k.source_id from import_keys k where k.kind = 'page' and not exists (select 1 from pages p where p.id = k.target_id)",
  'import key of a missing section': "select k.source_id from import_keys k where k.kind = 'section' and not exists (select 1 from sections s where s.id = k.target_id)",
  'import key of a missing tag': "select k.source_id from import_keys k where k.kind = 'tag' and not exists (select 1 from tags t where t.id = k.target_id)",
  'import key of a missing author': "select k.source_id from import_keys k where k.kind = 'author' and not exists (select 1 from authors x where x.id = k.target_id)",
};

/** For a store written only by an import: rows the import made without their key (a half-applied batch). */
export const IMPORT_ONLY_INVARIANTS: Record<string, string> = {
  'article without its import key': "select a.id from articles a where not exists (select 1 from import_keys k where k.kind = 'article' and k.target_id = a.id)",
  'comment without its import key': "select c.id from comments c where not exists (select 1 from import_keys k where k.kind = 'comment' and k.target_id = c.id)",
  'page without its import key': "select p.id from pages p where not exists (select 1 from import_keys k where k.kind = 'page' and k.target_id = p.id)",
};

/** Every rule broken, as `rule: first rows` lines (empty when the store is whole). */
export async function brokenInvariants(query: RawQuery, rules: Record<string, string> = STORE_INVARIANTS): Promise<string[]> {
  const out: string[] = [];
  for (const [rule, sql] of Object.entries(rules)) {
    const rows = await query(sql);
    if (rows.length) out.push(`${rule}: ${rows.length} rows, e.g. ${JSON.stringify(rows.slice(0, 3))}`);
  }
  return out;
}

/**
 * Opens the SQLite file as the next process would (recovering the WAL), and reports SQLite's own
 * checks: `PRAGMA integrity_check` (['ok'] when whole) and `PRAGMA foreign_key_check` rows.
 */
export function openSqliteForChecks(file: string): {
  integrity: string[];
  foreignKeyViolations: unknown[];
  query: RawQuery;
  close(): void;
} {
  const db = new Database(file);
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const foreignKeyViolations = db.pragma('foreign_key_check') as unknown[];
  return {
    integrity,
    foreignKeyViolations,
    query: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
    close: () => db.close(),
  };
}

/** A read-only SQLite connection for polling while another process writes (WAL: readers do not block it). */
export function openSqliteReader(file: string): { query: RawQuery; close(): void } {
  const db = new Database(file, { readonly: true });
  return { query: async (sql) => db.prepare(sql).all() as Record<string, unknown>[], close: () => db.close() };
}

/** A RawQuery on a PostgreSQL database (one client; `end()` when done). */
export async function openPostgresForChecks(url: string): Promise<{ query: RawQuery; end(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { query: async (sql) => (await client.query(sql)).rows as Record<string, unknown>[], end: () => client.end() };
}
