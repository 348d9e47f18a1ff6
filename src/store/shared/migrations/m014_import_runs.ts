import type { Kysely, Migration } from 'kysely';
import type { MigrationDialect } from './MigrationDialect.js';

/**
 * Imports started from the admin (issue #7): one row per uploaded export, its state, the progress
 * the running job writes (JSON, counts per kind), and at the end the report (JSON, without the URL
 * list, which is a file next to the upload) or the error (code, message, details).
 * `updated_at` is also the running job's heartbeat.
 */
export function m014ImportRuns(d: MigrationDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('import_runs')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('source_kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('state', 'varchar(12)', (c) => c.notNull())
        .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
        .addColumn('upload_path', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('dry_run', 'integer', (c) => c.notNull())
        .addColumn('requested_by', 'integer')
        .addColumn('progress', 'text', (c) => c.notNull())
        .addColumn('report', 'text')
        .addColumn('error', 'text')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('finished_at', 'varchar(40)')
        .execute();
      await db.schema.createIndex('import_runs_created_idx').on('import_runs').columns(['created_at', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('import_runs').execute();
    },
  };
}
