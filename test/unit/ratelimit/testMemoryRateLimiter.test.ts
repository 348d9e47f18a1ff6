import { describe, expect, it } from 'vitest';
import { memoryRateLimiter } from '../../support/memoryRateLimiter.js';

describe('the in-memory rate limiter of the tests', () => {
  it('counts hits in fixed windows, peeks without counting, forgets on reset', async () => {
    let ms = 1_000_000;
    const limiter = memoryRateLimiter(() => new Date(ms));
    expect(await limiter.hit('k', 2, 60_000)).toEqual({ allowed: true, count: 1, retryAfterMs: 60_000 });
    ms += 10_000;
    expect(await limiter.hit('k', 2, 60_000)).toEqual({ allowed: true, count: 2, retryAfterMs: 50_000 });
    expect(await limiter.hit('k', 2, 60_000)).toEqual({ allowed: false, count: 3, retryAfterMs: 50_000 });
    expect(await limiter.peek('k', 60_000)).toBe(3);
    expect(await limiter.peek('other', 60_000)).toBe(0);
    ms += 50_000;
    expect(await limiter.peek('k', 60_000)).toBe(0);
    expect(await limiter.hit('k', 2, 60_000)).toMatchObject({ allowed: true, count: 1 });
    await limiter.reset('k');
    expect(await limiter.peek('k', 60_000)).toBe(0);
    await limiter.close();
  });

  it('keeps at most maxKeys windows, dropping the oldest', async () => {
    const limiter = memoryRateLimiter(() => new Date(0), 2);
    await limiter.hit('a', 5, 1000);
    await limiter.hit('b', 5, 1000);
    await limiter.hit('c', 5, 1000);
    expect([await limiter.peek('a', 1000), await limiter.peek('b', 1000), await limiter.peek('c', 1000)]).toEqual([0, 1, 1]);
  });
});
