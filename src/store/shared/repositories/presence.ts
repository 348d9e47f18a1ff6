import type { Kysely } from 'kysely';
import type { PresenceRepository } from '../../ports.js';
import type { Database } from '../schema.js';

export function createPresenceRepository(db: Kysely<Database>, now: () => Date): PresenceRepository {
  return {
    async heartbeat(articleId, userId, ttlMs) {
      const at = now();
      const seen = at.toISOString();
      const expires = new Date(at.getTime() + ttlMs).toISOString();
      await db
        .insertInto('article_presence')
        .values({ article_id: articleId, user_id: userId, seen_at: seen, expires_at: expires })
        .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet({ seen_at: seen, expires_at: expires }))
        .execute();
      // Expired rows of this article go as they are met; nothing else needs them.
      await db.deleteFrom('article_presence').where('article_id', '=', articleId).where('expires_at', '<', seen).execute();
    },
    async leave(articleId, userId) {
      await db.deleteFrom('article_presence').where('article_id', '=', articleId).where('user_id', '=', userId).execute();
    },
    async list(articleId) {
      const rows = await db
        .selectFrom('article_presence')
        .select(['user_id', 'seen_at'])
        .where('article_id', '=', articleId)
        .where('expires_at', '>=', now().toISOString())
        .orderBy('seen_at', 'desc')
        .execute();
      return rows.map((r) => ({ userId: r.user_id, seenAt: new Date(r.seen_at) }));
    },
  };
}
