import type { RateLimiter } from '../../src/ratelimit/RateLimiter.js';

export interface MemoryRateLimiterOptions {
  now: () => Date;
  /** Keys kept at most; the oldest windows are dropped first (default 100,000). */
  maxKeys?: number;
}

/**
 * Fixed-window counts in memory, on the test's clock: a lockout's end is reached by moving the
 * clock, not by waiting. (The server uses the store or Redis limiter.)
 *
 * @example const limiter = memoryRateLimiter(() => new Date(clock.ms))
 */
export function memoryRateLimiter(now: () => Date, maxKeys = 100_000): RateLimiter {
  return createMemoryRateLimiter({ now, maxKeys });
}

function createMemoryRateLimiter(options: MemoryRateLimiterOptions): RateLimiter {
  const { now } = options;
  const maxKeys = options.maxKeys ?? 100_000;
  const windows = new Map<string, { hits: number; end: number }>();

  function current(key: string): { hits: number; end: number } | undefined {
    const window = windows.get(key);
    if (window && window.end <= now().getTime()) {
      windows.delete(key);
      return undefined;
    }
    return window;
  }

  return {
    async hit(key, limit, windowMs) {
      const nowMs = now().getTime();
      let window = current(key);
      if (!window) {
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        window = { hits: 0, end: nowMs + windowMs };
        windows.set(key, window);
      }
      window.hits += 1;
      return { allowed: window.hits <= limit, count: window.hits, retryAfterMs: Math.max(0, window.end - nowMs) };
    },
    async peek(key) {
      return current(key)?.hits ?? 0;
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {
      windows.clear();
    },
  };
}
