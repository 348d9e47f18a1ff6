import type { MigrationDialect } from '../shared/migrations/MigrationDialect.js';

/** AUTOINCREMENT so ids are never reused: permalinks with %post_id% must stay unique forever. */
export const sqliteMigrationDialect: MigrationDialect = {
  autoId: (column) => column.primaryKey().autoIncrement(),
};
