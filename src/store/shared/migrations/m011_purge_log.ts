import type { Kysely, Migration } from 'kysely';

/**
 * The purge log (issue #8): one row per reader-visible write, naming the surrogate keys it purges.
 * `seq` is the content version the write moved to (khabar_state.content_version, taken under that
 * row's lock), so rows commit in `seq` order with no gaps and every node can apply them in turn.
 */
export function m011PurgeLog(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('khabar_purges')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('keys', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('khabar_purges').execute();
    },
  };
}
