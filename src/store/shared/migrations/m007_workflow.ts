import { sql, type Kysely, type Migration } from 'kysely';
import type { MigrationDialect } from './MigrationDialect.js';

/**
 * The newsroom workflow (issue #4): who created an article and the state it was trashed from, the
 * durable job queue, the audit log and the "who else is editing" presence rows.
 */
export function m007Workflow(d: MigrationDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('articles').addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();
      await db.schema.alterTable('articles').addColumn('previous_status', 'varchar(20)').execute();
      await db.schema.alterTable('articles').addColumn('updated_by', 'integer').execute();
      // The admin list: newest change first; status in the index so "every state but the trash" and
      // deep pages are decided without reading article rows.
      await db.schema.createIndex('articles_updated_idx').on('articles').columns(['updated_at', 'id', 'status']).execute();
      await db.schema.createIndex('articles_status_updated_idx').on('articles').columns(['status', 'updated_at', 'id']).execute();
      await db.schema.createIndex('articles_created_by_idx').on('articles').columns(['created_by', 'updated_at']).execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('kind', 'varchar(64)', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('run_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('backoff_ms', 'integer', (c) => c.notNull())
        .addColumn('dedupe_key', 'varchar(200)')
        .addColumn('locked_by', 'varchar(100)')
        .addColumn('locked_until', 'varchar(30)')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('finished_at', 'varchar(30)')
        .execute();
      // Claims read due pending jobs in run order, and running jobs whose lock expired.
      await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['state', 'run_at', 'id']).execute();
      // At most one pending job per dedupe key (a rescheduled publish replaces the old one).
      await db.schema
        .createIndex('jobs_dedupe_pending_uq')
        .on('jobs')
        .column('dedupe_key')
        .unique()
        .where(sql.ref('state'), '=', sql.lit('pending'))
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('actor_label', 'varchar(200)', (c) => c.notNull())
        .addColumn('action', 'varchar(64)', (c) => c.notNull())
        .addColumn('target_type', 'varchar(32)', (c) => c.notNull())
        .addColumn('target_id', 'varchar(64)')
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at', 'id']).execute();
      await db.schema.createIndex('audit_log_target_idx').on('audit_log').columns(['target_type', 'target_id']).execute();

      await db.schema
        .createTable('article_presence')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('seen_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_presence_pk', ['article_id', 'user_id'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('article_presence').execute();
      await db.schema.dropTable('audit_log').execute();
      await db.schema.dropTable('jobs').execute();
      await db.schema.dropIndex('articles_created_by_idx').execute();
      await db.schema.dropIndex('articles_status_updated_idx').execute();
      await db.schema.dropIndex('articles_updated_idx').execute();
      await db.schema.alterTable('articles').dropColumn('updated_by').execute();
      await db.schema.alterTable('articles').dropColumn('previous_status').execute();
      await db.schema.alterTable('articles').dropColumn('created_by').execute();
    },
  };
}
