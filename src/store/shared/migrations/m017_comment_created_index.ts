import type { Kysely, Migration } from 'kysely';

/**
 * The moderation screen's default view (every status, newest first) and the dashboard's latest
 * comments had no index to walk: every comment was read and sorted for each page, 112 ms at 63,000
 * comments on SQLite, and growing with the archive. This index gives them the newest rows directly.
 */
export function m017CommentCreatedIndex(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('comments_created_idx').on('comments').columns(['created_at', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('comments_created_idx').execute();
    },
  };
}
