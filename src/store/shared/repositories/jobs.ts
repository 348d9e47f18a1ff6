import { sql, type Kysely } from 'kysely';
import type { Job, JobState } from '../../../jobs/job.js';
import type { JobRepository } from '../../ports.js';
import type { DialectQueries, JobRow } from '../dialectQueries.js';
import type { Database } from '../schema.js';
import { fromIsoOrNull, toCount } from '../values.js';

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as unknown,
    runAt: new Date(row.run_at),
    state: row.state as JobState,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    backoffMs: row.backoff_ms,
    dedupeKey: row.dedupe_key,
    lockedBy: row.locked_by,
    lockedUntil: fromIsoOrNull(row.locked_until),
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    finishedAt: fromIsoOrNull(row.finished_at),
  };
}

const MAX_RETRY_DELAY_MS = 10 * 60_000;

export function createJobRepository(db: Kysely<Database>, now: () => Date, dialect: DialectQueries): JobRepository {
  return {
    async enqueue(job) {
      const values = {
        kind: job.kind,
        payload: JSON.stringify(job.payload ?? null),
        run_at: job.runAt.toISOString(),
        state: 'pending',
        attempts: 0,
        max_attempts: job.maxAttempts ?? 5,
        backoff_ms: job.backoffMs ?? 10_000,
        dedupe_key: job.dedupeKey ?? null,
        created_at: now().toISOString(),
      };
      const row = await db
        .insertInto('jobs')
        .values(values)
        // The partial unique index (dedupe_key where state = 'pending') is the conflict target; SQLite
        // needs the predicate written exactly as the index's (a literal, not a parameter).
        .onConflict((oc) =>
          oc
            .column('dedupe_key')
            .where(sql.ref('state'), '=', sql.lit('pending'))
            .doUpdateSet({ kind: values.kind, payload: values.payload, run_at: values.run_at, max_attempts: values.max_attempts, backoff_ms: values.backoff_ms }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      await dialect.signalJobsQueued(db);
      return toJob(row);
    },

    async cancel(dedupeKey) {
      const result = await db.deleteFrom('jobs').where('dedupe_key', '=', dedupeKey).where('state', '=', 'pending').executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async claim(workerId, limit, lockMs, kinds) {
      const at = now();
      const rows = await dialect.claimJobs(db, {
        workerId,
        limit,
        nowIso: at.toISOString(),
        lockedUntilIso: new Date(at.getTime() + lockMs).toISOString(),
        ...(kinds ? { kinds } : {}),
      });
      return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
    },

    async complete(id, workerId) {
      await db
        .updateTable('jobs')
        // locked_by stays: it says which worker ran the job.
        .set({ state: 'done', finished_at: now().toISOString(), locked_until: null })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .execute();
    },

    async fail(id, workerId, error) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).where('locked_by', '=', workerId).executeTakeFirst();
      if (!row) return;
      const at = now();
      const lastError = error.slice(0, 2000);
      if (row.attempts >= row.max_attempts) {
        await db
          .updateTable('jobs')
          .set({ state: 'failed', last_error: lastError, finished_at: at.toISOString(), locked_by: null, locked_until: null })
          .where('id', '=', id)
          .execute();
        return;
      }
      // Doubling, but never more than 10 minutes between tries.
      const delay = Math.min(MAX_RETRY_DELAY_MS, row.backoff_ms * 2 ** Math.min(30, Math.max(0, row.attempts - 1)));
      await db
        .updateTable('jobs')
        .set({ state: 'pending', last_error: lastError, run_at: new Date(at.getTime() + delay).toISOString(), locked_by: null, locked_until: null })
        .where('id', '=', id)
        .execute();
    },

    async findById(id) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toJob(row) : null;
    },

    async list(filter, paging) {
      let q = db.selectFrom('jobs').selectAll();
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      if (filter.states?.length) q = q.where('state', 'in', [...filter.states]);
      if (filter.dedupeKey) q = q.where('dedupe_key', '=', filter.dedupeKey);
      const rows = await q.orderBy('id', 'desc').limit(paging.limit).offset(paging.offset).execute();
      return rows.map(toJob);
    },

    async count(filter) {
      let q = db.selectFrom('jobs').select((eb) => eb.fn.countAll<string | number>().as('n'));
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      if (filter.states?.length) q = q.where('state', 'in', [...filter.states]);
      return toCount((await q.executeTakeFirstOrThrow()).n);
    },

    async purgeDone(before) {
      const result = await db.deleteFrom('jobs').where('state', '=', 'done').where('finished_at', '<', before.toISOString()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async nextRunAt() {
      const row = await db.selectFrom('jobs').select('run_at').where('state', '=', 'pending').orderBy('run_at').limit(1).executeTakeFirst();
      return row ? new Date(row.run_at) : null;
    },
  };
}
