import { LRUCache } from 'lru-cache';

/**
 * Memoizes what reading operations derive from the store, per content version: a page's data is
 * read from the store once per content change, while its HTML is still rendered per request
 * (the page cache of issue #8 is a separate layer). Exact across processes and nodes, because the
 * version lives in the store; concurrent requests for the same key share one computation.
 */
export interface ReadMemo {
  /** `keep` decides whether a computed value is worth keeping (e.g. not a 404 for a random URL). */
  get<T>(key: string, compute: () => Promise<T>, keep?: (value: T) => boolean): Promise<T>;
}

export function createReadMemo(options: { contentVersion: () => Promise<number>; enabled: boolean; maxEntries?: number }): ReadMemo {
  if (!options.enabled) return { get: (_key, compute) => compute() };
  let version = -1;
  let entries = new LRUCache<string, Promise<unknown>>({ max: options.maxEntries ?? 1000 });
  return {
    async get<T>(key: string, compute: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
      const current = await options.contentVersion();
      if (current !== version) {
        version = current;
        entries = new LRUCache<string, Promise<unknown>>({ max: options.maxEntries ?? 1000 });
      }
      const hit = entries.get(key) as Promise<T> | undefined;
      if (hit) return hit;
      const pending = compute();
      const bucket = entries;
      bucket.set(key, pending);
      pending.then(
        (value) => {
          if (keep && !keep(value) && bucket.get(key) === pending) bucket.delete(key);
        },
        () => {
          if (bucket.get(key) === pending) bucket.delete(key);
        },
      );
      return pending;
    },
  };
}
