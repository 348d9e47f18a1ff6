import { sql, type Kysely, type Migration } from 'kysely';
import type { MigrationDialect } from './MigrationDialect.js';

/**
 * Reader comments (DESIGN §4), the approved-comment count kept on each article (lists show it
 * without counting), fixed-window rate-limit counters for stores without Redis, and the
 * instance's generated secrets (signing comment tokens, hashing IP addresses) shared by all nodes.
 */
export function m004Comments(d: MigrationDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('comments')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
        .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('author_name', 'varchar(245)', (c) => c.notNull())
        .addColumn('author_email', 'varchar(100)', (c) => c.notNull())
        .addColumn('author_url', 'varchar(200)')
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(10)', (c) => c.notNull().check(sql`status in ('pending','approved','spam','trash')`))
        .addColumn('ip_hash', 'varchar(64)')
        .addColumn('user_agent', 'varchar(255)')
        .addColumn('fingerprint', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comments_article_status_idx').on('comments').columns(['article_id', 'status', 'created_at', 'id']).execute();
      await db.schema.createIndex('comments_status_created_idx').on('comments').columns(['status', 'created_at', 'id']).execute();
      await db.schema.createIndex('comments_email_status_idx').on('comments').columns(['author_email', 'status']).execute();
      await db.schema.createIndex('comments_fingerprint_idx').on('comments').columns(['fingerprint', 'created_at']).execute();
      await db.schema.createIndex('comments_parent_idx').on('comments').column('parent_id').execute();

      await db.schema.alterTable('articles').addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();

      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('window_end', 'bigint', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_limits_window_end_idx').on('rate_limits').column('window_end').execute();

      await db.schema
        .createTable('instance_secrets')
        .addColumn('name', 'varchar(50)', (c) => c.primaryKey())
        .addColumn('value', 'varchar(200)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('instance_secrets').execute();
      await db.schema.dropTable('rate_limits').execute();
      await db.schema.alterTable('articles').dropColumn('comment_count').execute();
      await db.schema.dropTable('comments').execute();
    },
  };
}
