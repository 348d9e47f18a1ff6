import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisRateLimiter } from '../../../src/ratelimit/createRedisRateLimiter.js';

const url = process.env.KHABAR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, enableOfflineQueue: false });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
const available = await redisAnswers();
if (!available) console.warn(`[khabar tests] Redis does not answer at ${url}: the Redis rate limiter test is skipped`);

describe.skipIf(!available)('the Redis rate limiter (REDIS_URL)', () => {
  // A prefix of its own: the run never touches other keys of the server, and removes its own.
  const prefix = `khabar-test:${randomBytes(6).toString('hex')}:`;
  const limiter = createRedisRateLimiter({ url, prefix });
  afterAll(async () => {
    const redis = new Redis(url);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await limiter.close();
  });

  it('counts several keys in one call, each with its own window, exact under concurrency', async () => {
    const hits = [
      { key: 'ip:m', limit: 3, windowMs: 60_000 },
      { key: 'ip:h', limit: 5, windowMs: 3_600_000 },
      { key: 'email:h', limit: 4, windowMs: 3_600_000 },
    ];
    const rounds = await Promise.all(Array.from({ length: 6 }, () => limiter.hitMany!(hits)));
    for (const i of [0, 1, 2]) expect(rounds.map((r) => r[i]!.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rounds.filter((r) => r[0]!.allowed)).toHaveLength(3);
    expect(rounds.filter((r) => r[1]!.allowed)).toHaveLength(5);
    expect(rounds.filter((r) => r[2]!.allowed)).toHaveLength(4);
    const [minute, hour] = rounds[0]!;
    expect(minute!.retryAfterMs).toBeGreaterThan(50_000);
    expect(minute!.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(hour!.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(await limiter.peek('email:h', 3_600_000)).toBe(6);
  });

  it('counts a single key with hit, and starts again after reset', async () => {
    expect(await limiter.hit('one', 2, 1000)).toMatchObject({ allowed: true, count: 1 });
    expect(await limiter.hit('one', 2, 1000)).toMatchObject({ allowed: true, count: 2 });
    expect(await limiter.hit('one', 2, 1000)).toMatchObject({ allowed: false, count: 3 });
    await limiter.reset('one');
    expect(await limiter.hit('one', 2, 1000)).toMatchObject({ allowed: true, count: 1 });
  });
});
