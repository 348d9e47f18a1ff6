import { LRUCache } from 'lru-cache';
import type { SearchIndex } from '../store/ports.js';

/** Document frequencies of words, read from the index and kept per content version. */
export interface VocabularyCache {
  lookup(words: readonly string[]): Promise<Map<string, number>>;
}

/**
 * Query planning asks the vocabulary about a handful of words per query; the same words come back
 * again and again (news readers search the same stories), so answers are kept until the content
 * version moves — exact on every node, like the read memo (docs/decisions/005-read-memo.md).
 */
export function createVocabularyCache(options: {
  search: Pick<SearchIndex, 'frequencies'>;
  contentVersion: () => Promise<number>;
  maxEntries?: number;
}): VocabularyCache {
  let version = -1;
  const max = options.maxEntries ?? 50_000;
  let known = new LRUCache<string, number>({ max });
  return {
    async lookup(words) {
      const current = await options.contentVersion();
      if (current !== version) {
        version = current;
        known = new LRUCache<string, number>({ max });
      }
      const bucket = known;
      const out = new Map<string, number>();
      const missing: string[] = [];
      for (const w of new Set(words)) {
        const f = bucket.get(w);
        if (f === undefined) missing.push(w);
        else out.set(w, f);
      }
      if (missing.length > 0) {
        const found = await options.search.frequencies(missing);
        for (const w of missing) {
          const f = found.get(w) ?? 0;
          bucket.set(w, f);
          out.set(w, f);
        }
      }
      return out;
    },
  };
}
