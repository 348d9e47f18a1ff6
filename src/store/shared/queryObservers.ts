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
  /** Whether anyone observes (queries run outside Kysely time themselves only then). */
  observed: () => boolean;
  /** A query the store ran without Kysely (directExecution.ts, SQLite's candidate reader), reported like the others. */
  record: (event: QueryEvent) => void;
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
    observed: () => observers.size > 0,
    record,
    subscribe(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },
  };
}
