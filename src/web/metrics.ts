import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueueStats } from '../jobs/readQueueStats.js';

/**
 * The node's Prometheus metrics, one registry per app (tests build several in one process).
 * Other modules import the named metrics from here and increment them: the page cache counts
 * `pageCache.inc({ result: 'hit' | 'miss' | 'stale' | 'bypass' })` (registerMetrics, from each
 * answer's X-Cache), purges observe `purgeLag`.
 */
export interface Metrics {
  registry: Registry;
  /** Requests by method, route pattern (never the raw URL) and status code. */
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  /** Answers by how the page cache gave them: hit, miss, stale, bypass (rendered without it). */
  pageCache: Counter<'result'>;
  /** Seconds from a change being committed to its purge acknowledged, by target (`cdn`, `node`). */
  purgeLag: Histogram<'target'>;
  /** Purge requests that failed and will be retried, by target. */
  purgeFailures: Counter<'target'>;
  /** Duration of every store round-trip. */
  storeQuery: Histogram<'dialect'>;
  /** Store round-trips per request, by route. */
  storeRoundTrips: Histogram<'route'>;
}

export interface MetricsOptions {
  /** Read at each scrape for the queue gauges (omitted: no queue gauges). */
  queue?: () => Promise<QueueStats>;
  /** Node.js process metrics (event loop lag, heap, GC); default true. */
  processMetrics?: boolean;
}

/** @example const metrics = createMetrics({ queue: () => queueStats(store, now) }) */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'khabar_' });
  const registers = [registry];
  if (options.queue) {
    const read = options.queue;
    new Gauge({
      name: 'khabar_jobs',
      help: 'Jobs in the durable queue by state',
      labelNames: ['state'],
      registers,
      async collect() {
        const stats = await read();
        this.set({ state: 'pending' }, stats.pending);
        this.set({ state: 'running' }, stats.running);
        this.set({ state: 'failed' }, stats.failed);
      },
    });
    new Gauge({
      name: 'khabar_jobs_oldest_due_age_seconds',
      help: 'Seconds the oldest due pending job has waited past its run time',
      registers,
      async collect() {
        this.set((await read()).oldestDueAgeSeconds);
      },
    });
  }
  return {
    registry,
    httpRequests: new Counter({ name: 'khabar_http_requests_total', help: 'HTTP requests by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers }),
    httpDuration: new Histogram({
      name: 'khabar_http_request_duration_seconds',
      help: 'HTTP request duration by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    pageCache: new Counter({ name: 'khabar_page_cache_requests_total', help: 'Answers by page cache result (hit, miss, stale, bypass)', labelNames: ['result'], registers }),
    purgeLag: new Histogram({
      name: 'khabar_purge_lag_seconds',
      help: 'Seconds from a content change to its purge acknowledged, by target',
      labelNames: ['target'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    purgeFailures: new Counter({ name: 'khabar_purge_failures_total', help: 'Purge requests that failed (retried by the job queue), by target', labelNames: ['target'], registers }),
    storeQuery: new Histogram({
      name: 'khabar_store_query_duration_seconds',
      help: 'Duration of each store round-trip',
      labelNames: ['dialect'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers,
    }),
    storeRoundTrips: new Histogram({
      name: 'khabar_store_round_trips',
      help: 'Store round-trips per request, by route',
      labelNames: ['route'],
      buckets: [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50],
      registers,
    }),
  };
}
