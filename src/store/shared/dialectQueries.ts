import { sql, type Expression, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { JobKindFilter } from '../../jobs/job.js';
import type { Database } from './schema.js';

export type JobRow = Selectable<Database['jobs']>;

export interface ClaimInput {
  workerId: string;
  limit: number;
  nowIso: string;
  lockedUntilIso: string;
  kinds?: JobKindFilter;
}

/**
 * The few queries that differ between stores; each adapter exports one as `jobQueries`
 * (src/store/sqlite/jobQueries.ts, src/store/postgres/jobQueries.ts).
 */
export interface DialectQueries {
  /** Claims due jobs atomically: no two workers ever get the same job. */
  claimJobs(db: Kysely<Database>, input: ClaimInput): Promise<JobRow[]>;
  /** Tells other processes a job was queued (inside a transaction: delivered at commit). */
  signalJobsQueued(db: Kysely<Database>): Promise<void>;
  /** Moves `table`'s id generator past its highest id (after rows were inserted with explicit ids). */
  alignIdentity(db: Kysely<Database>, table: 'articles'): Promise<void>;
  /** Tells other processes purges were recorded (inside a transaction: delivered at commit). */
  signalPurge(db: Kysely<Database>): Promise<void>;
  /**
   * An aggregate of `value` over a subquery's rows as a JSON array, in `orderBy` order (SQLite
   * `json_group_array`, PostgreSQL `json_agg`). Read it with `jsonArrayValue` (text on SQLite,
   * parsed on PostgreSQL, null there when no row matched).
   */
  jsonArray(value: Expression<unknown>, orderBy: Expression<unknown>): RawBuilder<unknown>;
  /** A JSON object of named values (SQLite `json_object`, PostgreSQL `json_build_object`). */
  jsonObject(fields: Record<string, Expression<unknown>>): RawBuilder<unknown>;
  /**
   * A column compared without its index, beside `id IN (…)`: the rows are then found by primary
   * key. SQLite keeps no statistics, and for `id IN (ids) AND status = ?` it took the status
   * index from two ids up, walking every comment of that status (1.8 ms for 2 ids among 54,000
   * approved comments, 0.01 ms by key); `+column` keeps it off that index. PostgreSQL's planner
   * has statistics: the column as it is.
   */
  byKeyOnly(column: string): RawBuilder<string>;
  /**
   * Refreshes the query planner's statistics of `tables` after a bulk write: PostgreSQL `ANALYZE`
   * (autovacuum would do it later, or never where it is off); nothing on SQLite, whose queries are
   * written for a planner without statistics (decision 039).
   */
  refreshStatistics(db: Kysely<Database>, tables: readonly (keyof Database & string)[]): Promise<void>;
}

/** The array a `jsonArray` column holds, whichever store read it. */
export function jsonArrayValue<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[];
}

/** Pending and due, or running under a lock that expired (its worker died). */
export function dueJobs(db: Kysely<Database>, nowIso: string, kinds?: JobKindFilter) {
  let query = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('run_at', '<=', nowIso)]),
        eb.and([eb('state', '=', 'running'), eb('locked_until', '<', nowIso)]),
      ]),
    );
  if (kinds?.only) query = kinds.only.length > 0 ? query.where('kind', 'in', [...kinds.only]) : query.where(sql<boolean>`1 = 0`);
  if (kinds?.except && kinds.except.length > 0) query = query.where('kind', 'not in', [...kinds.except]);
  return query.orderBy('run_at').orderBy('id');
}
