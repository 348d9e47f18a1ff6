import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `articles.thread_count`: an article's approved top-level comments, kept like `comment_count`
 * (moved in the transaction of every write that changes it). The page a new comment lands on is
 * then this count minus the threads from that comment on (a short index range) instead of a count
 * of every thread before it, which grew with the article (decision 026).
 */
export function m012ThreadCount(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('articles').addColumn('thread_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await sql`update articles set thread_count = (select count(*) from comments where comments.article_id = articles.id and comments.status = 'approved' and comments.parent_id is null)`.execute(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('articles').dropColumn('thread_count').execute();
    },
  };
}
