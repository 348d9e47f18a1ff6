/**
 * Counting hits per key in fixed windows, shared by every node: in Redis when `REDIS_URL` is set,
 * in the store otherwise (createStoreRateLimiter / createRedisRateLimiter). Used for comment
 * floods, login attempts and search.
 *
 * @example
 *   const decision = await limiter.hit(`comment:ip:${ipHash}`, 5, 60_000);
 *   if (!decision.allowed) throw new AppError('RATE_LIMITED', 'too many comments', { retryAfterMs: decision.retryAfterMs });
 */
export interface RateLimiter {
  /** Counts one hit for `key` in the current window of `windowMs`; allowed while the count is ≤ `limit`. */
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
  /**
   * `hit` for several distinct keys at once (one statement or one round trip): a comment counts its
   * address's minute and hour and its email's hour together. Decisions in the order given. Optional:
   * `hitAll` falls back to one `hit` per key.
   */
  hitMany?(hits: readonly RateHit[]): Promise<RateDecision[]>;
  /** How many hits `key` has in the current window of `windowMs`, without counting one. */
  peek(key: string, windowMs: number): Promise<number>;
  /** Forgets `key` (e.g. failed logins after a successful one). */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
  /**
   * Present on the store-kept limiter (createStoreRateLimiter): its counts are rows of the content
   * store, so a store write can count a request's hits in its own transaction — a comment post
   * counts them in the unit that inserts it (`store.comments.createCounted`), one commit instead of
   * two. `sweepIfDue` deletes ended windows now and then, as `hit` does.
   */
  readonly inStore?: { sweepIfDue(nowMs: number): Promise<void> };
}

export interface RateHit {
  key: string;
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends (when a refused caller may try again). */
  retryAfterMs: number;
}

/** Counts every hit, with one call where the limiter can (`hitMany`), else one `hit` per key. */
export function hitAll(limiter: RateLimiter, hits: readonly RateHit[]): Promise<RateDecision[]> {
  if (limiter.hitMany) return limiter.hitMany(hits);
  return Promise.all(hits.map((h) => limiter.hit(h.key, h.limit, h.windowMs)));
}

/** The decisions for `hits` from their counts (`counted[i]` is `hits[i]`'s), as every limiter makes them. */
export function decisionsOf(hits: readonly RateHit[], counted: ReadonlyArray<{ hits: number; windowEnd: number }>, nowMs: number): RateDecision[] {
  return counted.map(({ hits: count, windowEnd }, i) => ({ allowed: count <= hits[i]!.limit, count, retryAfterMs: Math.max(0, windowEnd - nowMs) }));
}
