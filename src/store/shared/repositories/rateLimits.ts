import { sql, type Kysely } from 'kysely';
import type { RateLimitRepository } from '../../ports.js';
import type { Database } from '../schema.js';

/**
 * Fixed windows in one row per key, counted with a single upsert so concurrent hits from any
 * node are never lost: a hit after the window ended starts a new one at 1.
 */
export function createRateLimitRepository(db: Kysely<Database>): RateLimitRepository {
  return {
    async hit(key, nowMs, windowMs) {
      const end = nowMs + windowMs;
      const row = await db
        .insertInto('rate_limits')
        .values({ key, window_end: end, hits: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            hits: sql<number>`case when rate_limits.window_end <= ${nowMs} then 1 else rate_limits.hits + 1 end`,
            window_end: sql<number>`case when rate_limits.window_end <= ${nowMs} then ${end} else rate_limits.window_end end`,
          }),
        )
        .returning(['hits', 'window_end'])
        .executeTakeFirstOrThrow();
      return { hits: Number(row.hits), windowEnd: Number(row.window_end) };
    },
    async peek(key, nowMs) {
      const row = await db.selectFrom('rate_limits').select(['hits', 'window_end']).where('key', '=', key).executeTakeFirst();
      return row && Number(row.window_end) > nowMs ? Number(row.hits) : 0;
    },
    async reset(key) {
      await db.deleteFrom('rate_limits').where('key', '=', key).execute();
    },
    async sweep(nowMs) {
      const result = await db.deleteFrom('rate_limits').where('window_end', '<=', nowMs).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
