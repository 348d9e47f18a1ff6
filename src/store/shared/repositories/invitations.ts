import type { Kysely, Selectable } from 'kysely';
import type { Invitation } from '../../../domain/session.js';
import type { InvitationRepository } from '../../ports.js';
import type { Database } from '../schema.js';

function toInvitation(row: Selectable<Database['invitations']>): Invitation {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    usedAt: row.used_at === null ? null : new Date(row.used_at),
  };
}

export function createInvitationRepository(db: Kysely<Database>, now: () => Date): InvitationRepository {
  return {
    async create(input) {
      const row = await db
        .insertInto('invitations')
        .values({
          token_hash: input.tokenHash,
          user_id: input.userId,
          created_by: input.createdBy,
          created_at: now().toISOString(),
          expires_at: input.expiresAt.toISOString(),
          used_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toInvitation(row);
    },
    async findByTokenHash(tokenHash) {
      const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? toInvitation(row) : null;
    },
    async markUsed(id, at) {
      // The `used_at is null` condition makes the update the arbiter: of two concurrent accepts, one wins.
      const result = await db
        .updateTable('invitations')
        .set({ used_at: at.toISOString() })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
