import type { RateLimitRepository } from '../store/ports.js';
import { decisionsOf, type RateDecision, type RateHit, type RateLimiter } from './RateLimiter.js';

export interface StoreRateLimiterOptions {
  rateLimits: RateLimitRepository;
  now: () => Date;
  /** How often ended windows are deleted (default: every 10 minutes); 0 turns the sweep off. */
  sweepEveryMs?: number;
}

/**
 * Rate limits kept in the store (SQLite or PostgreSQL), shared by every process on it: the
 * default when no `REDIS_URL` is configured.
 */
export function createStoreRateLimiter(options: StoreRateLimiterOptions): RateLimiter {
  const { rateLimits, now } = options;
  const sweepEveryMs = options.sweepEveryMs ?? 600_000;
  let lastSweep = now().getTime();
  const sweepIfDue = async (nowMs: number) => {
    if (sweepEveryMs > 0 && nowMs - lastSweep > sweepEveryMs) {
      lastSweep = nowMs;
      await rateLimits.sweep(nowMs);
    }
  };
  const hitMany = async (hits: readonly RateHit[]): Promise<RateDecision[]> => {
    const nowMs = now().getTime();
    await sweepIfDue(nowMs);
    return decisionsOf(hits, await rateLimits.hitMany(hits, nowMs), nowMs);
  };
  return {
    async hit(key, limit, windowMs) {
      const [decision] = await hitMany([{ key, limit, windowMs }]);
      return decision!;
    },
    hitMany,
    peek(key) {
      return rateLimits.peek(key, now().getTime());
    },
    reset(key) {
      return rateLimits.reset(key);
    },
    async close() {},
    inStore: { sweepIfDue },
  };
}
