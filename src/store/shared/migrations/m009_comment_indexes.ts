import type { Kysely, Migration } from 'kysely';

/**
 * Indexes measured on an article with thousands of comments: duplicate detection probes
 * (article, fingerprint) instead of walking the article's comments, and counting an article's
 * threads (to find the page a new comment lands on) reads one covering index range.
 */
export function m009CommentIndexes(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('comments_article_fingerprint_idx').on('comments').columns(['article_id', 'fingerprint']).execute();
      await db.schema.createIndex('comments_threads_idx').on('comments').columns(['article_id', 'status', 'parent_id', 'created_at', 'id']).execute();
      await db.schema.dropIndex('comments_fingerprint_idx').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.createIndex('comments_fingerprint_idx').on('comments').columns(['fingerprint', 'created_at']).execute();
      await db.schema.dropIndex('comments_threads_idx').execute();
      await db.schema.dropIndex('comments_article_fingerprint_idx').execute();
    },
  };
}
