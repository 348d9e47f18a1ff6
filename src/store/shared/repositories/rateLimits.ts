import { sql, type Kysely } from 'kysely';
import type { RateLimitRepository } from '../../ports.js';
import type { GroupCommit } from '../groupCommit.js';
import { prepareQuery } from '../preparedQuery.js';
import type { Database } from '../schema.js';

/** Counts hits on a connection (a transaction's, or the group commit's unit): see createHitCounter. */
export type CountHits = (conn: Kysely<Database>, hits: ReadonlyArray<{ key: string; windowMs: number }>, nowMs: number) => Promise<Array<{ hits: number; windowEnd: number }>>;

/**
 * Fixed windows in one row per key, counted with a single upsert so concurrent hits from any
 * node are never lost: a hit after the window ended starts a new one at 1. Several keys (a
 * comment's address and email windows) are counted by one statement of several rows. Shared by the
 * rate-limit repository and the comment post that counts its hits in its own transaction.
 */
export function createHitCounter(db: Kysely<Database>): CountHits {
  // One upsert per number of keys (a comment counts 2 or 3), compiled once (preparedQuery.ts).
  const upserts = new Map<number, ReturnType<typeof upsertOf>>();
  function upsertOf() {
    return prepareQuery((nowMs: number, ...rows: Array<{ key: string; window_end: number; hits: number }>) =>
      db
        .insertInto('rate_limits')
        .values(rows)
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            hits: sql<number>`case when rate_limits.window_end <= ${nowMs} then 1 else rate_limits.hits + 1 end`,
            window_end: sql<number>`case when rate_limits.window_end <= ${nowMs} then excluded.window_end else rate_limits.window_end end`,
          }),
        )
        .returning(['key', 'hits', 'window_end']),
    );
  }
  return async (conn, hits, nowMs) => {
    if (hits.length === 0) return [];
    let upsert = upserts.get(hits.length);
    if (!upsert) upserts.set(hits.length, (upsert = upsertOf()));
    const rows = hits.map((h) => ({ key: h.key, window_end: nowMs + h.windowMs, hits: 1 }));
    const { rows: counted } = await upsert(conn, nowMs, ...rows);
    const byKey = new Map(counted.map((r) => [r.key, { hits: Number(r.hits), windowEnd: Number(r.window_end) }]));
    return hits.map((h) => byKey.get(h.key)!);
  };
}

export function createRateLimitRepository(db: Kysely<Database>, writes: GroupCommit, countHits: CountHits = createHitCounter(db)): RateLimitRepository {
  const hitMany: RateLimitRepository['hitMany'] = (hits, nowMs) => writes.statement((conn) => countHits(conn, hits, nowMs));
  return {
    async hit(key, nowMs, windowMs) {
      const [counted] = await hitMany([{ key, windowMs }], nowMs);
      return counted!;
    },
    hitMany,
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
