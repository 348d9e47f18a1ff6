import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../store/ports.js';
import type { JobKindFilter } from './job.js';
import type { JobHandler } from './JobHandler.js';

export interface JobWorkerOptions {
  store: Store;
  handlers: Readonly<Record<string, JobHandler>>;
  /** Injected clock: jobs are due when their run_at is at or before it. */
  now: () => Date;
  /** Poll period (default 1000 ms). PostgreSQL also wakes the worker on LISTEN/NOTIFY. */
  pollMs?: number;
  /** How long a claim holds a job before another worker may take it over (default 5 min). */
  lockMs?: number;
  /** Jobs claimed per round (default 10). */
  batch?: number;
  /** Done jobs are deleted after this long (default 7 days); failed ones stay. */
  keepDoneMs?: number;
  /** Reports a failed job run or poll (the queue retries it). */
  onError?: (error: unknown, context: { jobId?: number; kind?: string }) => void;
  workerId?: string;
  /** Which job kinds this worker claims (default: all). Long jobs get a worker of their own so they hold no other job up. */
  kinds?: JobKindFilter;
  /** Wake on the store's job notifications (PostgreSQL LISTEN, a connection of its own; default true). */
  listen?: boolean;
}

export interface JobWorker {
  readonly id: string;
  /** Claims and runs due jobs until none is left; returns how many ran. */
  runDue(): Promise<number>;
  /** Starts polling (the first round runs at once: jobs due while the server was down go now). */
  start(): Promise<void>;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

/**
 * The job worker every node runs: claims due jobs (atomically, see JobRepository.claim), runs each
 * with its kind's handler, marks it done or failed (retry with doubling backoff). Several workers —
 * other processes, other nodes — may run over the same store: a job is claimed by one of them.
 */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { store, handlers } = options;
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const pollMs = options.pollMs ?? 1000;
  const lockMs = options.lockMs ?? 5 * 60_000;
  const batch = options.batch ?? 10;
  const onError = options.onError ?? (() => {});
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;
  let unlisten: (() => Promise<void>) | null = null;
  const keepDoneMs = options.keepDoneMs ?? 7 * 86_400_000;
  let nextPurge = 0;

  async function runDue(): Promise<number> {
    let ran = 0;
    const at = options.now().getTime();
    if (at >= nextPurge) {
      // About once an hour per worker; deleting what another worker deleted already is harmless.
      nextPurge = at + 3_600_000;
      await store.jobs.purgeDone(new Date(at - keepDoneMs));
    }
    for (;;) {
      const jobs = await store.jobs.claim(id, batch, lockMs, options.kinds);
      if (jobs.length === 0) return ran;
      for (const job of jobs) {
        const handler = handlers[job.kind];
        try {
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          await handler(job);
          await store.jobs.complete(job.id, id);
        } catch (error) {
          onError(error, { jobId: job.id, kind: job.kind });
          await store.jobs.fail(job.id, id, error instanceof Error ? error.message : String(error)).catch((e) => onError(e, { jobId: job.id }));
        }
        ran++;
      }
    }
  }

  /** One round at a time; a wake-up during a round runs another right after it. */
  function round(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        try {
          total += await runDue();
        } catch (error) {
          onError(error, {});
        }
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      void round().finally(schedule);
    }, pollMs);
    timer.unref?.();
  }

  return {
    id,
    runDue: round,
    async start() {
      if (!stopped) return;
      stopped = false;
      if (options.listen !== false) {
        unlisten = await store.onJobsQueued(() => {
          if (!stopped) void round();
        });
      }
      void round().finally(schedule);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (unlisten) await unlisten();
      unlisten = null;
      if (running) await running.catch(() => {});
    },
  };
}
