import type { LogEvent } from 'kysely';

/** One store round-trip as observers see it. */
export interface QueryEvent {
  durationMs: number;
  failed: boolean;
  /** The SQL sent (for tracing which queries a piece of work costs; never logged with parameters). */
  sql: string;
}

export type QueryObserver = (event: QueryEvent) => void;

export interface QueryObservers {
  /** Kysely's `log` option: every query the store sends (transaction begin/commit included). */
  log: (event: LogEvent) => void;
  /**
   * Runs a query the store sends without Kysely (SQLite's direct statements and candidate reader)
   * and reports it like the others: timed only while someone observes, failures reported and rethrown.
   */
  timed: <T>(sql: string, run: () => T) => T;
  /** Adds an observer; returns its removal. */
  subscribe: (observer: QueryObserver) => () => void;
}

/**
 * Observers of every store query (metrics, round-trip counts per request). Adapters pass `log` to
 * their Kysely instance; the Store exposes `subscribe` as `observeQueries`.
 */
export function createQueryObservers(): QueryObservers {
  const observers = new Set<QueryObserver>();
  const record = (e: QueryEvent): void => {
    for (const observer of observers) observer(e);
  };
  return {
    log(event) {
      if (observers.size === 0) return;
      record({ durationMs: event.queryDurationMillis, failed: event.level === 'error', sql: event.query.sql });
    },
    timed(sql, run) {
      if (observers.size === 0) return run();
      const started = performance.now();
      let failed = true;
      try {
        const result = run();
        failed = false;
        return result;
      } finally {
        record({ durationMs: performance.now() - started, failed, sql });
      }
    },
    subscribe(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },
  };
}
