import { sql } from 'kysely';
import type { DialectQueries } from '../shared/dialectQueries.js';
import { dueJobs } from '../shared/dialectQueries.js';

export const JOBS_CHANNEL = 'khabar_jobs';
/** Every node listens here for purges other nodes recorded (then reads the purge log). */
export const PURGES_CHANNEL = 'khabar_purges';

/**
 * PostgreSQL: the due rows are locked with FOR UPDATE SKIP LOCKED, so concurrent workers on other
 * nodes pass over rows another transaction holds instead of waiting for or double-claiming them.
 */
export const jobQueries: DialectQueries = {
  async claimJobs(db, input) {
    return db
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', locked_by: input.workerId, locked_until: input.lockedUntilIso, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', dueJobs(db, input.nowIso, input.kinds).limit(input.limit).forUpdate().skipLocked())
      .returningAll()
      .execute();
  },
  async signalJobsQueued(db) {
    await sql`select pg_notify(${JOBS_CHANNEL}, '')`.execute(db);
  },
  async alignIdentity(db, table) {
    // Identity columns "by default" accept explicit ids but do not move their sequence past them.
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), greatest((select coalesce(max(id), 0) from ${sql.table(table)}), 1))`.execute(db);
  },
  async signalPurge(db) {
    await sql`select pg_notify(${PURGES_CHANNEL}, '')`.execute(db);
  },
  jsonArray(value, orderBy) {
    return sql`json_agg(${value} order by ${orderBy})`;
  },
  jsonObject(fields) {
    return sql`json_build_object(${sql.join(Object.entries(fields).map(([name, value]) => sql`${sql.lit(name)}, ${value}`))})`;
  },
  byKeyOnly(column) {
    return sql<string>`${sql.ref(column)}`;
  },
  async refreshStatistics(db, tables) {
    // Unqualified names: the store's schema (search_path). A sample of each table, seconds at most.
    if (tables.length > 0) await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
  },
};
