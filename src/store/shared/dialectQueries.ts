import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';

export type JobRow = Selectable<Database['jobs']>;

export interface ClaimInput {
  workerId: string;
  limit: number;
  nowIso: string;
  lockedUntilIso: string;
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
}

/** Pending and due, or running under a lock that expired (its worker died). */
export function dueJobs(db: Kysely<Database>, nowIso: string) {
  return db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('run_at', '<=', nowIso)]),
        eb.and([eb('state', '=', 'running'), eb('locked_until', '<', nowIso)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id');
}
