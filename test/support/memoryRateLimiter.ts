import { createMemoryRateLimiter } from '../../src/ratelimit/createMemoryRateLimiter.js';
import type { RateLimiter } from '../../src/ratelimit/RateLimiter.js';

/**
 * An in-memory rate limiter on the test's clock, so a lockout's end is reached by moving the
 * clock, not by waiting.
 */
export function memoryRateLimiter(now: () => Date): RateLimiter {
  return createMemoryRateLimiter({ now });
}
