import type { Kysely, Migration } from 'kysely';

/**
 * What an import wrote, keyed on the source's own ids (WordPress post, term, user and comment
 * ids), so a second run of the same export updates the rows it made instead of duplicating them,
 * and a run killed halfway is simply run again. Written in the same transaction as the rows.
 */
export function m010ImportKeys(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('import_keys')
        .addColumn('source', 'varchar(400)', (c) => c.notNull())
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('source_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_keys_pk', ['source', 'kind', 'source_id'])
        .execute();
      await db.schema.createIndex('import_keys_target_idx').on('import_keys').columns(['kind', 'target_id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('import_keys').execute();
    },
  };
}
