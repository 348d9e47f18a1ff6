import type { Kysely, Migration } from 'kysely';
import type { MigrationDialect } from './MigrationDialect.js';

/**
 * The search index (docs/decisions/007-search-index.md): `search_documents` lists the indexed
 * articles with their publication time (ranking and date filters read it here, not from the wide
 * article rows) and their distinct surface words (so removal can uncount them), `search_vocabulary`
 * counts documents per word (the analyzer's stemming guard), and each dialect adds its full-text
 * structure: an FTS5 table on SQLite, tsvector columns with GIN indexes on PostgreSQL.
 */
export function m005Search(d: MigrationDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('search_documents')
        .addColumn('article_id', 'integer', (c) => c.primaryKey())
        // Before `words`, so reading it never walks past the word list.
        .addColumn('published_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('words', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('search_vocabulary')
        .addColumn('word', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('docs', 'integer', (c) => c.notNull())
        .execute();
      await d.createSearchIndex(db);
    },
    async down(db: Kysely<any>) {
      await d.dropSearchIndex(db);
      await db.schema.dropTable('search_vocabulary').execute();
      await db.schema.dropTable('search_documents').execute();
    },
  };
}
