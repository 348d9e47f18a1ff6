import type { ColumnDefinitionBuilder } from 'kysely';

/**
 * What a migration needs to know about its database; each adapter provides one
 * (store/sqlite/migrationDialect.ts, store/postgres/migrationDialect.ts).
 */
export interface MigrationDialect {
  /** Marks an integer column as an auto-generated primary key that never reuses ids. */
  autoId(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
}
