import type { Kysely, Selectable } from 'kysely';
import type { Session } from '../../../domain/session.js';
import type { SessionRepository } from '../../ports.js';
import type { Database } from '../schema.js';
import { toCount } from '../values.js';

function toSession(row: Selectable<Database['sessions']>): Session {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    ipHash: row.ip_hash,
    userAgent: row.user_agent,
  };
}

export function createSessionRepository(db: Kysely<Database>, now: () => Date): SessionRepository {
  return {
    async create(input) {
      const at = (input.createdAt ?? now()).toISOString();
      const row = await db
        .insertInto('sessions')
        .values({
          token_hash: input.tokenHash,
          user_id: input.userId,
          created_at: at,
          last_seen_at: at,
          expires_at: input.expiresAt.toISOString(),
          ip_hash: input.ipHash ?? null,
          user_agent: input.userAgent?.slice(0, 512) ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSession(row);
    },
    async findByTokenHash(tokenHash) {
      const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? toSession(row) : null;
    },
    async touch(id, lastSeenAt, expiresAt) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: lastSeenAt.toISOString(), expires_at: expiresAt.toISOString() })
        .where('id', '=', id)
        .execute();
    },
    async delete(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteForUser(userId, keepId) {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepId !== undefined) query = query.where('id', '!=', keepId);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteExpired(at) {
      const result = await db.deleteFrom('sessions').where('expires_at', '<', at.toISOString()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async countForUser(userId) {
      const row = await db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      return toCount(row.n as string | number);
    },
  };
}
