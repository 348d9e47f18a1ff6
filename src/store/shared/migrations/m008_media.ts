import type { Kysely, Migration } from 'kysely';

/**
 * The media library (issue #4): who uploaded a file and the name it had on their disk (shown and
 * searched, never used for storage keys), plus a case-folded search text of alt, caption, credit
 * and file name so one LIKE serves both stores.
 */
export function m008Media(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('media').addColumn('original_name', 'varchar(255)').execute();
      await db.schema.alterTable('media').addColumn('uploaded_by', 'integer').execute();
      await db.schema.alterTable('media').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.createIndex('media_created_idx').on('media').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('articles_featured_media_idx').on('articles').column('featured_media_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('articles_featured_media_idx').execute();
      await db.schema.dropIndex('media_created_idx').execute();
      await db.schema.alterTable('media').dropColumn('search_text').execute();
      await db.schema.alterTable('media').dropColumn('uploaded_by').execute();
      await db.schema.alterTable('media').dropColumn('original_name').execute();
    },
  };
}
