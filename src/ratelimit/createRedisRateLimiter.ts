import { Redis } from 'ioredis';
import { AppError } from '../errors/AppError.js';
import type { RateLimiter } from './RateLimiter.js';

/** INCR and set the expiry on the first hit, atomically; returns the count and the window's remaining ms. */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }
`;

export interface RedisRateLimiterOptions {
  url: string;
  /** Prefix of every key (default `khabar:rl:`), so one Redis can serve several sites. */
  prefix?: string;
}

/**
 * Rate limits in Redis (`REDIS_URL`), shared by every node. A Redis that does not answer makes
 * `hit` fail with STORE_UNAVAILABLE rather than let everything through silently.
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const prefix = options.prefix ?? 'khabar:rl:';
  const redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000 });
  redis.on('error', () => {}); // failures surface on the commands themselves
  async function run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new AppError('STORE_UNAVAILABLE', `Redis at ${redactUrl(options.url)} does not answer: ${(error as Error).message}`, {}, { cause: error });
    }
  }
  return {
    async hit(key, limit, windowMs) {
      const [hits, ttl] = await run(() => redis.eval(HIT_SCRIPT, 1, prefix + key, String(windowMs)) as Promise<[number, number]>);
      return { allowed: hits <= limit, count: hits, retryAfterMs: Math.max(0, ttl) };
    },
    async peek(key) {
      const value = await run(() => redis.get(prefix + key));
      return value === null ? 0 : Number(value);
    },
    async reset(key) {
      await run(() => redis.del(prefix + key));
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
