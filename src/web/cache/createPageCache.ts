import type { FastifyReply, FastifyRequest } from 'fastify';
import { isListingKey } from '../../domain/surrogateKeys.js';
import { createTaggedCache } from '../../lib/createTaggedCache.js';
import { createPurgeHistory } from '../../lib/purgeHistory.js';
import { toCachedAnswer, type CachedAnswer, type RenderedAnswer } from './CachedAnswer.js';
import { sendCachedAnswer } from './sendCachedAnswer.js';

export interface PageCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  stale: number;
  /** Renders started (a stampede on a purged page counts one). */
  renders: number;
}

/**
 * The page cache (DESIGN §7, docs/decisions/014-page-cache.md): public answers rendered once per
 * key and held in memory with their brotli and gzip copies, bounded by bytes (LRU), each tagged
 * with surrogate keys and dropped by a purge of any of them.
 */
export interface PageCache {
  /**
   * Answers from the cache, or renders once for every request waiting on `key` (coalescing).
   * `render` resolving null means "not cacheable" (a 404): every waiter then runs `fallback`.
   */
  serve(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    render: () => Promise<RenderedAnswer | null>,
    fallback: () => Promise<FastifyReply> | FastifyReply,
  ): Promise<FastifyReply>;
  /** Drops (or, for answers that allow it, marks stale) every entry carrying one of `keys`. */
  purge(keys: readonly string[]): void;
  stats(): PageCacheStats;
}

export interface PageCacheOptions {
  /** Bytes held at most (bodies and compressed copies); least recently used entries go first. */
  maxBytes: number;
  /** Milliseconds clock for freshness (default Date.now). */
  clock?: () => number;
  /** Called when a background re-render (stale-while-revalidate) fails. */
  onError?: (error: unknown) => void;
}

export function createPageCache(options: PageCacheOptions): PageCache {
  const clock = options.clock ?? Date.now;
  const entries = createTaggedCache<CachedAnswer>({ maxSize: options.maxBytes, sizeOf: (entry) => entry.size });
  const inflight = new Map<string, Promise<CachedAnswer | null>>();
  const history = createPurgeHistory();
  const counts = { hits: 0, misses: 0, stale: 0, renders: 0 };

  function renderOnce(key: string, render: () => Promise<RenderedAnswer | null>): { answer: Promise<CachedAnswer | null>; started: boolean } {
    const known = inflight.get(key);
    if (known) return { answer: known, started: false };
    counts.renders += 1;
    const started = history.now();
    let answer: Promise<CachedAnswer | null>;
    answer = (async () => {
      try {
        const rendered = await render();
        if (rendered === null) return null;
        const cached = toCachedAnswer(rendered, clock());
        // Rendered from what a purge has since replaced: served to those waiting, not kept.
        if (!history.purgedSince(started, cached.keys)) entries.set(key, cached, cached.keys);
        return cached;
      } finally {
        // Deferred: `answer` is assigned by the time the render settles.
        queueMicrotask(() => {
          if (inflight.get(key) === answer) inflight.delete(key);
        });
      }
    })();
    inflight.set(key, answer);
    return { answer, started: true };
  }

  return {
    async serve(request, reply, key, render, fallback) {
      const entry = entries.get(key);
      if (entry) {
        const now = clock();
        if (entry.purgedUntil === null && now < entry.freshUntil) {
          counts.hits += 1;
          return sendCachedAnswer(request, reply, entry, 'HIT');
        }
        const staleUntil = entry.purgedUntil ?? entry.freshUntil + entry.staleMs;
        if (now < staleUntil) {
          counts.stale += 1;
          renderOnce(key, render).answer.catch((error: unknown) => options.onError?.(error));
          return sendCachedAnswer(request, reply, entry, 'STALE');
        }
      }
      const { answer, started } = renderOnce(key, render);
      const cached = await answer;
      if (cached === null) return fallback();
      if (started) counts.misses += 1;
      else counts.hits += 1;
      return sendCachedAnswer(request, reply, cached, started ? 'MISS' : 'HIT');
    },
    purge(keys) {
      if (keys.length === 0) return;
      history.record(keys);
      // Renders under way read what just changed: requests from now on start their own.
      inflight.clear();
      const now = clock();
      const immediate = keys.filter((key) => !isListingKey(key));
      entries.purge(keys, (_key, entry) => {
        // Stale while re-rendered only when the page allows it and all that changed is a list it shows.
        if (entry.staleMs <= 0 || immediate.includes('*') || entry.keys.some((key) => immediate.includes(key))) return false;
        entry.purgedUntil ??= now + entry.staleMs;
        return true;
      });
    },
    stats: () => ({ entries: entries.size, bytes: entries.bytes, ...counts }),
  };
}
