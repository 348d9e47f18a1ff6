import { LRUCache } from 'lru-cache';

/**
 * An LRU cache whose entries carry tags (surrogate keys): `purge(tags)` finds the entries of a
 * tag through an index instead of scanning. Bounded by entry count, or by size when `sizeOf` is
 * given. The tag '*' purges everything.
 *
 * @example
 * const cache = createTaggedCache<string>({ maxEntries: 100 });
 * cache.set('/a', 'page a', ['article:1', 'home']);
 * cache.purge(['article:1']); // '/a' is gone
 */
export interface TaggedCache<V> {
  get(key: string): V | undefined;
  /** Without touching recency (for a stale check). */
  peek(key: string): V | undefined;
  set(key: string, value: V, tags: readonly string[]): void;
  delete(key: string): void;
  /**
   * Removes the entries carrying any of `tags`; `keep(key, value)` returning true keeps an entry
   * (the caller marked it stale instead). Returns how many entries matched.
   */
  purge(tags: readonly string[], keep?: (key: string, value: V) => boolean): number;
  clear(): void;
  readonly size: number;
  /** Sum of `sizeOf` over the entries (0 without `sizeOf`). */
  readonly bytes: number;
}

export function createTaggedCache<V extends object>(options: { maxEntries?: number; maxSize?: number; sizeOf?: (value: V, key: string) => number }): TaggedCache<V> {
  const index = new Map<string, Set<string>>();
  const tagsOf = new Map<string, readonly string[]>();
  const unindex = (key: string) => {
    for (const tag of tagsOf.get(key) ?? []) {
      const keys = index.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) index.delete(tag);
    }
    tagsOf.delete(key);
  };
  const sizeOf = options.sizeOf;
  const lruOptions: LRUCache.Options<string, V, unknown> = {
    max: options.maxEntries ?? 0,
    dispose: (_value, key, reason) => {
      // A 'set' over an existing key re-indexes it in set() itself.
      if (reason !== 'set') unindex(key);
    },
  } as LRUCache.Options<string, V, unknown>;
  if (options.maxSize !== undefined && sizeOf) {
    lruOptions.maxSize = options.maxSize;
    lruOptions.sizeCalculation = (v, k) => Math.max(1, sizeOf(v, k));
  }
  if (!lruOptions.max) delete lruOptions.max;
  const lru = new LRUCache<string, V>(lruOptions);
  return {
    get: (key) => lru.get(key),
    peek: (key) => lru.peek(key),
    set(key, value, tags) {
      if (options.maxSize !== undefined && options.sizeOf && options.sizeOf(value, key) > options.maxSize) return;
      unindex(key);
      lru.set(key, value);
      if (!lru.has(key)) return;
      tagsOf.set(key, tags);
      for (const tag of tags) {
        let keys = index.get(tag);
        if (!keys) index.set(tag, (keys = new Set()));
        keys.add(key);
      }
    },
    delete: (key) => void lru.delete(key),
    purge(tags, keep) {
      const matched = new Set<string>();
      if (tags.includes('*')) for (const key of lru.keys()) matched.add(key);
      else for (const tag of tags) for (const key of index.get(tag) ?? []) matched.add(key);
      for (const key of matched) {
        const value = lru.peek(key);
        if (value !== undefined && keep?.(key, value)) continue;
        lru.delete(key);
      }
      return matched.size;
    },
    clear: () => lru.clear(),
    get size() {
      return lru.size;
    },
    get bytes() {
      return lru.calculatedSize ?? 0;
    },
  };
}
