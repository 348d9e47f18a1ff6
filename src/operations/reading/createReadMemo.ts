import { createPurgeHistory } from '../../lib/purgeHistory.js';
import { createTaggedCache } from '../../lib/createTaggedCache.js';

/**
 * Memoizes what reading operations derive from the store, tagged with the surrogate keys of what
 * it shows: a purge (from this process or any node, through the PurgeBus) drops exactly the
 * entries it concerns, so a comment on one article no longer drops every section's data.
 * Concurrent requests for the same key share one computation.
 */
export interface ReadMemo {
  get<T>(key: string, compute: () => Promise<T>, options?: MemoOptions<T>): Promise<T>;
}

export interface MemoOptions<T> {
  /** Whether a computed value is worth keeping (e.g. not a 404 for a random URL). */
  keep?: (value: T) => boolean;
  /** The surrogate keys of a value; without them, any purge drops it. */
  keys?: (value: T) => readonly string[];
}

/** Entries without keys carry this tag, purged by every purge. */
const ANY = '\u0000any';

export function createReadMemo(options: {
  /** Purges to follow: the PurgeBus's subscribe. */
  subscribe: (fn: (keys: readonly string[]) => void) => () => void;
  enabled: boolean;
  maxEntries?: number;
}): ReadMemo {
  if (!options.enabled) return { get: (_key, compute) => compute() };
  const entries = createTaggedCache<{ value: Promise<unknown> }>({ maxEntries: options.maxEntries ?? 1000 });
  const inflight = new Map<string, Promise<unknown>>();
  const history = createPurgeHistory();
  options.subscribe((keys) => {
    history.record(keys);
    entries.purge([...keys, ANY]);
    // Computations under way may have read what just changed: later callers start afresh.
    inflight.clear();
  });
  return {
    get<T>(key: string, compute: () => Promise<T>, memoOptions: MemoOptions<T> = {}): Promise<T> {
      const hit = entries.get(key) ?? (inflight.has(key) ? { value: inflight.get(key)! } : undefined);
      if (hit) return hit.value as Promise<T>;
      const started = history.now();
      const pending = compute();
      inflight.set(key, pending);
      pending.then(
        (value) => {
          if (inflight.get(key) === pending) inflight.delete(key);
          if (memoOptions.keep && !memoOptions.keep(value)) return;
          // Read before a purge of what it shows: not kept (without keys: before any purge).
          if (memoOptions.keys) {
            const tags = memoOptions.keys(value);
            if (!history.purgedSince(started, tags)) entries.set(key, { value: pending }, tags);
          } else if (history.now() === started) entries.set(key, { value: pending }, [ANY]);
        },
        () => {
          if (inflight.get(key) === pending) inflight.delete(key);
        },
      );
      return pending;
    },
  };
}
