import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/**
 * What a migration needs to know about its database; each adapter provides one
 * (store/sqlite/migrationDialect.ts, store/postgres/migrationDialect.ts).
 */
export interface MigrationDialect {
  /** Marks an integer column as an auto-generated primary key that never reuses ids. */
  autoId(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Creates the full-text part of the search index (after `search_documents` exists). */
  createSearchIndex(db: Kysely<any>): Promise<void>;
  dropSearchIndex(db: Kysely<any>): Promise<void>;
  /**
   * What the dialect's search needs to read its candidates' publication times cheaply (m015); may
   * do nothing. `down` undoes it.
   */
  createSearchCandidateIndex(db: Kysely<any>): Promise<void>;
  dropSearchCandidateIndex(db: Kysely<any>): Promise<void>;
}
