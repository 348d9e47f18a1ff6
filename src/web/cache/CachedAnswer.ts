import { createHash } from 'node:crypto';
import { compressedBody } from '../public/compressedBody.js';

/** How long an answer stays fresh, and whether it may be served stale while it is re-rendered. */
export interface CachePolicy {
  /** Fresh for this long after rendering (a purge ends it sooner). */
  ttlMs: number;
  /**
   * After it expired or was purged, it may still be served for this long while one request
   * re-renders it (stale-while-revalidate). 0: never stale (articles: a correction shows at once).
   */
  staleMs: number;
}

/** What a renderer gives the page cache: one public answer and what it shows. */
export interface RenderedAnswer {
  status: number;
  /** content-type, cache-control, last-modified, x-robots-tag …; never per-reader headers. */
  headers: Record<string, string>;
  body: Buffer;
  /** Surrogate keys of what it shows (operations/reading/outcomeKeys.ts). */
  keys: readonly string[];
  policy: CachePolicy;
  /** A redirect: its target path; `keepQuery` appends each request's own query string. */
  location?: { target: string; keepQuery: boolean };
  /** Runs for every reader it is served to (the article view counter). */
  onServe?: () => void;
}

/** A rendered answer as the page cache holds it: with compressed copies and validators. */
export interface CachedAnswer extends Omit<RenderedAnswer, 'policy'> {
  br: Buffer | null;
  gzip: Buffer | null;
  /** Strong ETag of the identity bytes (quoted); encoded copies append -br / -gzip. */
  etag: string;
  renderedAt: number;
  freshUntil: number;
  staleMs: number;
  /** Set by a purge that allows stale serving: it may be served until then, while re-rendered. */
  purgedUntil: number | null;
  /** Bytes held (all copies), for the cache's byte bound. */
  size: number;
}

/** Bodies this small are not worth compressing (a redirect, an empty feed). */
const MIN_COMPRESS = 256;
const COMPRESSIBLE = /^(text\/|application\/(?:xml|rss\+xml|atom\+xml|feed\+json|json|javascript))/;

/** ETags per body Buffer: bodies sent many times uncached (an article's shared bytes) are hashed once. */
const etags = new WeakMap<Buffer, string>();
function etagOf(body: Buffer): string {
  let etag = etags.get(body);
  if (etag === undefined) etags.set(body, (etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`));
  return etag;
}

/**
 * Compresses once (brotli and gzip) and computes the strong ETag. `compress: false` (an answer
 * rendered for one request) sends identity only.
 */
export function toCachedAnswer(answer: RenderedAnswer, now: number, options: { compress?: boolean } = {}): CachedAnswer {
  const { policy, ...rest } = answer;
  const compressible = options.compress !== false && answer.body.length >= MIN_COMPRESS && COMPRESSIBLE.test(answer.headers['content-type'] ?? '');
  const br = compressible ? compressedBody(answer.body, 'br') : null;
  const gzip = compressible ? compressedBody(answer.body, 'gzip') : null;
  const etag = etagOf(answer.body);
  const keysBytes = answer.keys.reduce((n, k) => n + k.length + 40, 0);
  return {
    ...rest,
    br,
    gzip,
    etag,
    renderedAt: now,
    freshUntil: now + policy.ttlMs,
    staleMs: policy.staleMs,
    purgedUntil: null,
    size: answer.body.length + (br?.length ?? 0) + (gzip?.length ?? 0) + keysBytes + 600,
  };
}
