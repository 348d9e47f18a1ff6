import type { MigrationDialect } from '../shared/migrations/MigrationDialect.js';

/** Identity columns "by default", so imports may keep their original ids. */
export const postgresMigrationDialect: MigrationDialect = {
  autoId: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
};
