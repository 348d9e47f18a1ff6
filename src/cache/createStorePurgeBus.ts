import type { PurgeRecord, Store } from '../store/ports.js';
import type { PurgeBus } from './PurgeBus.js';

export interface StorePurgeBusOptions {
  store: Pick<Store, 'purges' | 'onPurge' | 'onPurgesLogged'>;
  /**
   * How often the purge log is read for other processes' purges. SQLite (no notifications):
   * 100 ms; PostgreSQL: NOTIFY wakes the reader at once and this poll only covers a lost LISTEN
   * connection (1,000 ms).
   */
  pollMs: number;
  /** Purge log records kept (older ones are pruned); a node further behind purges everything. */
  keepLast?: number;
  onError?: (error: unknown) => void;
}

/**
 * The PurgeBus over the store's purge log: this process's writes arrive at once after their commit
 * (Store.onPurge); other processes' are read from the log by sequence, on a PostgreSQL
 * notification or at the next poll. Each record is delivered once per process.
 */
export async function createStorePurgeBus(options: StorePurgeBusOptions): Promise<PurgeBus> {
  const { store } = options;
  const keepLast = options.keepLast ?? 10_000;
  const subscribers = new Set<(keys: readonly string[]) => void>();
  const deliver = (keys: readonly string[]) => {
    for (const fn of subscribers) {
      try {
        fn(keys);
      } catch (error) {
        options.onError?.(error);
      }
    }
  };
  // A node started before the schema is migrated (it answers /readyz 503 meanwhile) reads the log
  // from the start once it exists: replaying old purges only empties caches that are empty anyway.
  let cursor = await store.purges.latest().catch((error: unknown) => {
    options.onError?.(error);
    return 0;
  });
  /** Sequences this process delivered ahead of the cursor (its own writes). */
  const delivered = new Set<number>();
  const offLocal = store.onPurge((record: PurgeRecord) => {
    if (record.seq <= cursor || delivered.has(record.seq)) return;
    delivered.add(record.seq);
    deliver(record.keys);
  });

  let reading: Promise<void> | null = null;
  let again = false;
  let polls = 0;
  async function readLog(): Promise<void> {
    for (;;) {
      const records = await store.purges.since(cursor, 500);
      if (records.length === 0) return;
      // The log was pruned past us (a long pause): what we missed is unknown, so forget everything.
      if (records[0]!.seq > cursor + 1) deliver(['*']);
      for (const record of records) {
        if (!delivered.delete(record.seq)) deliver(record.keys);
        cursor = record.seq;
      }
      for (const seq of delivered) if (seq <= cursor) delivered.delete(seq);
      if (records.length < 500) return;
    }
  }
  function poll(): Promise<void> {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      try {
        do {
          again = false;
          await readLog();
        } while (again);
        if (++polls % 600 === 0) await store.purges.prune(keepLast);
      } catch (error) {
        options.onError?.(error);
      } finally {
        reading = null;
      }
    })();
    return reading;
  }
  const timer = setInterval(() => void poll(), options.pollMs);
  timer.unref();
  const unlisten = await store.onPurgesLogged(() => void poll());

  return {
    async publish(keys) {
      if (keys.length > 0) await store.purges.record(keys);
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    async close() {
      clearInterval(timer);
      offLocal();
      await unlisten();
      await reading;
    },
  };
}
