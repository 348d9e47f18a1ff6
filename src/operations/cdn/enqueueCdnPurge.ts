import type { JobRepository } from '../../store/ports.js';

/** The durable job that sends one purge to one CDN/Varnish endpoint (handler: cdnPurgeHandler). */
export const CDN_PURGE_JOB = 'cdn.purge';

/** At most this many keys per purge request (Varnish refuses request headers over 8 KB by default). */
export const KEYS_PER_PURGE = 200;

export interface CdnPurgePayload {
  endpoint: string;
  keys: string[];
  /** When the change was committed: the handler reports the lag from it. */
  changedAt: string;
}

export interface EnqueueCdnPurgeDeps {
  jobs: JobRepository;
  /** config.cdn.purgeEndpoints */
  endpoints: readonly string[];
  /** Attempts before the job is marked failed, and the first retry delay (doubling). */
  attempts: number;
  backoffMs: number;
  now: () => Date;
  /** Runs the queue now instead of at the next poll (SQLite has no NOTIFY to wake workers). */
  wake?: () => void;
}

/**
 * Queues the purge of `keys` at every configured endpoint: one durable job per endpoint (and per
 * 200 keys), so an endpoint that is down is retried on its own, from any node, after a restart too.
 * Returns the number of jobs queued (0 without endpoints or keys).
 *
 * @example await enqueueCdnPurge(deps, ['article:12', 'home', 'section:3'])
 */
export async function enqueueCdnPurge(deps: EnqueueCdnPurgeDeps, keys: readonly string[]): Promise<number> {
  const unique = [...new Set(keys.map((k) => k.trim()).filter((k) => k !== '' && !/[\s,]/.test(k)))];
  if (unique.length === 0 || deps.endpoints.length === 0) return 0;
  const at = deps.now();
  let queued = 0;
  for (const endpoint of deps.endpoints) {
    for (let i = 0; i < unique.length; i += KEYS_PER_PURGE) {
      const payload: CdnPurgePayload = { endpoint, keys: unique.slice(i, i + KEYS_PER_PURGE), changedAt: at.toISOString() };
      await deps.jobs.enqueue({ kind: CDN_PURGE_JOB, payload, runAt: at, maxAttempts: deps.attempts, backoffMs: deps.backoffMs });
      queued++;
    }
  }
  deps.wake?.();
  return queued;
}
