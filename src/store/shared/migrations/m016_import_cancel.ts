import type { Kysely, Migration } from 'kysely';

/**
 * An admin import can be cancelled (issue #7): when an admin asked the running import to stop
 * (ISO 8601; null: never asked). The job reads it between batches and stops at the next batch
 * boundary; what it had written stays (imports are re-runnable).
 */
export function m016ImportCancel(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('import_runs').addColumn('cancel_requested_at', 'varchar(40)').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('import_runs').dropColumn('cancel_requested_at').execute();
    },
  };
}
