import type * as ioredisModule from 'ioredis';
import { loadOnFirstUse } from '../lib/loadOnFirstUse.js';

/** Loaded only when REDIS_URL is set. */
const ioredis = loadOnFirstUse<typeof ioredisModule>('ioredis');
import { AppError } from '../errors/AppError.js';
import type { RateDecision, RateHit, RateLimiter } from './RateLimiter.js';

/**
 * For each key (window ms in the same position of ARGV): INCR and set the expiry on the first hit,
 * atomically; returns the count and the window's remaining ms of each, flattened.
 */
const HIT_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local hits = redis.call('INCR', key)
  if hits == 1 then redis.call('PEXPIRE', key, ARGV[i]) end
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then redis.call('PEXPIRE', key, ARGV[i]); ttl = tonumber(ARGV[i]) end
  out[#out + 1] = hits
  out[#out + 1] = ttl
end
return out
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
  const redis = new (ioredis().Redis)(options.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000 });
  redis.on('error', () => {}); // failures surface on the commands themselves
  async function run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new AppError('STORE_UNAVAILABLE', `Redis at ${redactUrl(options.url)} does not answer: ${(error as Error).message}`, {}, { cause: error });
    }
  }
  const hitMany = async (hits: readonly RateHit[]): Promise<RateDecision[]> => {
    if (hits.length === 0) return [];
    const keys = hits.map((h) => prefix + h.key);
    const out = await run(() => redis.eval(HIT_SCRIPT, keys.length, ...keys, ...hits.map((h) => String(h.windowMs))) as Promise<number[]>);
    return hits.map((h, i) => {
      const count = out[2 * i]!;
      return { allowed: count <= h.limit, count, retryAfterMs: Math.max(0, out[2 * i + 1]!) };
    });
  };
  return {
    async hit(key, limit, windowMs) {
      const [decision] = await hitMany([{ key, limit, windowMs }]);
      return decision!;
    },
    hitMany,
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
