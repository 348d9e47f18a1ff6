import { sql } from 'kysely';
import type { DialectQueries } from '../shared/dialectQueries.js';
import { dueJobs } from '../shared/dialectQueries.js';

/**
 * SQLite has one writer at a time: a single UPDATE … WHERE id IN (due, LIMIT n) RETURNING is its own
 * write transaction, so the jobs it returns are this worker's alone, across processes too.
 */
export const jobQueries: DialectQueries = {
  async claimJobs(db, input) {
    return db
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', locked_by: input.workerId, locked_until: input.lockedUntilIso, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', dueJobs(db, input.nowIso, input.kinds).limit(input.limit))
      .returningAll()
      .execute();
  },
  async signalJobsQueued() {
    // Nothing to signal: SQLite nodes share one machine and poll every second.
  },
  async alignIdentity() {
    // AUTOINCREMENT already remembers the highest id ever inserted, explicit ones included.
  },
  async signalPurge() {
    // Nothing to signal: processes on one SQLite file poll the purge log (every 100 ms).
  },
  jsonArray(value, orderBy) {
    return sql`json_group_array(${value} order by ${orderBy})`;
  },
  jsonObject(fields) {
    return sql`json_object(${sql.join(Object.entries(fields).map(([name, value]) => sql`${sql.lit(name)}, ${value}`))})`;
  },
  byKeyOnly(column) {
    return sql<string>`+${sql.ref(column)}`;
  },
  async refreshStatistics() {
    // Nothing: SQLite's queries here are written for a planner without statistics (decision 039).
  },
};
