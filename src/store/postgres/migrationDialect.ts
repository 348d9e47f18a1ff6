import { sql } from 'kysely';
import type { MigrationDialect } from '../shared/migrations/MigrationDialect.js';

/**
 * Identity columns "by default", so imports may keep their original ids.
 * Search: `tsv` holds the analysed terms with weights A (title) B (lede) C (tags) D (body) under
 * the `simple` configuration (no stemming of its own: the terms arrive analysed), `surface_tsv`
 * the normalized surface words with positions for exact phrases; both behind GIN indexes.
 */
export const postgresMigrationDialect: MigrationDialect = {
  autoId: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
  async createSearchIndex(db) {
    await sql`alter table search_documents add column tsv tsvector not null, add column surface_tsv tsvector not null`.execute(db);
    await sql`create index search_documents_tsv_idx on search_documents using gin (tsv)`.execute(db);
    await sql`create index search_documents_surface_idx on search_documents using gin (surface_tsv)`.execute(db);
  },
  async dropSearchIndex(db) {
    await sql`drop index if exists search_documents_surface_idx`.execute(db);
    await sql`drop index if exists search_documents_tsv_idx`.execute(db);
  },
  // Nothing (decision 034): PostgreSQL reads its candidates' rows in the same heap fetch that
  // gives their tsvector for ts_rank, so an index on the publication time would add only writes.
  async createSearchCandidateIndex() {},
  async dropSearchCandidateIndex() {},
};
