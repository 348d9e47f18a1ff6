import type { RankableMatch } from '../shared/search/searchTables.js';

/** What an unfiltered query found before ranking: its total and its newest candidates, scored. */
export interface CachedCandidates {
  total: number;
  matches: readonly RankableMatch[];
}

/**
 * The candidates of unfiltered searches, kept per version of the search index (decision 031). Ranking blends
 * in recency at the time of the search, so what is kept is the part that depends only on the
 * index — which rows match, their bm25 relevance and publication time, the total — and each search
 * ranks it again with its own `now`: the same hits as without the cache.
 */
export interface CandidateCache {
  /** The entry of `key` read at index version `version`, if one was kept at that version. */
  get(version: number, key: string): CachedCandidates | undefined;
  /** Keeps an entry read at `version`; entries of any other version are dropped first. */
  set(version: number, key: string, value: CachedCandidates): void;
  /** Forgets every entry (the index was written through this store). */
  clear(): void;
}

/**
 * A bounded cache (least recently used first out) holding at most `maxMatches` candidates in all
 * (a broad query keeps up to `search.rankedCandidates`, 1,000 by default: about 130 KB).
 */
export function createCandidateCache(maxMatches: number): CandidateCache {
  let version = Number.NaN;
  const entries = new Map<string, CachedCandidates>();
  let held = 0;
  const drop = (key: string): void => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    held -= entry.matches.length;
  };
  return {
    get(at, key) {
      if (at !== version) return undefined;
      const entry = entries.get(key);
      if (entry !== undefined) {
        entries.delete(key);
        entries.set(key, entry);
      }
      return entry;
    },
    set(at, key, value) {
      if (value.matches.length > maxMatches) return;
      if (at !== version) {
        entries.clear();
        held = 0;
        version = at;
      }
      drop(key);
      entries.set(key, value);
      held += value.matches.length;
      for (const oldest of entries.keys()) {
        if (held <= maxMatches) break;
        drop(oldest);
      }
    },
    clear() {
      entries.clear();
      held = 0;
      version = Number.NaN;
    },
  };
}
