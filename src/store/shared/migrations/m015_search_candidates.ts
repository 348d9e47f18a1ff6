import type { Kysely, Migration } from 'kysely';
import type { MigrationDialect } from './MigrationDialect.js';

/**
 * What a dialect's search needs to read its candidates cheaply (decision 034): on SQLite a
 * covering index of `search_documents` by article id with the publication time; nothing on
 * PostgreSQL.
 */
export function m015SearchCandidates(d: MigrationDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await d.createSearchCandidateIndex(db);
    },
    async down(db: Kysely<any>) {
      await d.dropSearchCandidateIndex(db);
    },
  };
}
