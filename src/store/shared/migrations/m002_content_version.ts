import type { Kysely, Migration } from 'kysely';

/**
 * A counter that every content write increments in the same transaction, so readers on any node
 * can tell with one primary-key read whether what they derived from the store is still current.
 */
export function m002ContentVersion(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('khabar_state')
        .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
      await db.insertInto('khabar_state').values({ key: 'content_version', value: 1 }).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('khabar_state').execute();
    },
  };
}
