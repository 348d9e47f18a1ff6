import type { Kysely, Migration } from 'kysely';
import type { MigrationDialect } from './MigrationDialect.js';

/**
 * Sessions and invitations (issue #4). Only the SHA-256 of a session or invitation token is
 * stored: a copy of the database does not let anyone sign in.
 */
export function m006Accounts(d: MigrationDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('ip_hash', 'varchar(64)')
        .addColumn('user_agent', 'varchar(512)')
        .execute();
      await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

      await db.schema
        .createTable('invitations')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(30)')
        .execute();
      await db.schema.createIndex('invitations_user_idx').on('invitations').column('user_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('invitations').execute();
      await db.schema.dropTable('sessions').execute();
    },
  };
}
