import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateEncoding } from '../public/compressedBody.js';
import type { CachedAnswer } from './CachedAnswer.js';

/** `X-Cache`: how the page cache answered (tests and operators read it; caches ignore it). */
export type CacheStatus = 'HIT' | 'MISS' | 'STALE' | 'BYPASS';

/** Whether an `If-None-Match` list names `etag` (weak comparison, as RFC 9110 wants for it). */
export function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  const want = strip(etag);
  return (Array.isArray(header) ? header.join(',') : header).split(',').some((tag) => tag.trim() === '*' || strip(tag) === want);
}

/**
 * One `Range: bytes=…` over a body of `length` bytes: the inclusive span, 'unsatisfiable', or null
 * to answer 200 with everything (absent, malformed or several ranges — allowed by RFC 9110).
 */
export function parseRange(header: string | undefined, length: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (header === undefined) return null;
  // Whitespace dropped first: one pattern with \s* on both sides of '-' backtracks polynomially (recheck).
  const m = /^bytes=(\d*)-(\d*)$/i.exec(header.replace(/\s+/g, ''));
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return length === 0 ? 'unsatisfiable' : { start: Math.max(0, length - suffix), end: length - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? length - 1 : Math.min(Number(m[2]), length - 1);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= length) return 'unsatisfiable';
  return { start, end };
}

function notModifiedSince(request: FastifyRequest, answer: CachedAnswer): boolean {
  const since = request.headers['if-modified-since'];
  const modified = answer.headers['last-modified'];
  if (typeof since !== 'string' || modified === undefined) return false;
  const t = Date.parse(since);
  return !Number.isNaN(t) && Date.parse(modified) <= t;
}

/**
 * Sends a cached answer as HTTP wants it: the representation the client accepts (brotli, gzip or
 * identity; `Vary: Accept-Encoding` where there are several), its strong ETag, 304 for a matching
 * `If-None-Match` (or `If-Modified-Since` when no ETag was sent), one byte range (206/416) of the
 * chosen representation, and the surrogate keys for Varnish/CDNs.
 */
export function sendCachedAnswer(request: FastifyRequest, reply: FastifyReply, answer: CachedAnswer, status: CacheStatus): FastifyReply {
  reply.code(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
  reply.header('x-cache', status);
  if (answer.keys.length > 0) reply.header('surrogate-key', answer.keys.join(' '));
  answer.onServe?.();
  if (answer.location) {
    const url = request.url;
    const q = url.indexOf('?');
    return reply.header('location', answer.location.target + (answer.location.keepQuery && q !== -1 ? url.slice(q) : '')).send();
  }
  const varies = answer.br !== null || answer.gzip !== null;
  const encoding = varies ? negotiateEncoding(request.headers['accept-encoding']) : null;
  const body = encoding === 'br' ? answer.br! : encoding === 'gzip' ? answer.gzip! : answer.body;
  const etag = encoding === null ? answer.etag : `${answer.etag.slice(0, -1)}-${encoding}"`;
  if (varies) reply.header('vary', 'Accept-Encoding');
  reply.header('etag', etag);
  if (answer.status !== 200) {
    if (encoding !== null) reply.header('content-encoding', encoding);
    return reply.send(body);
  }
  const inm = request.headers['if-none-match'];
  if (inm !== undefined ? etagMatches(inm, etag) : notModifiedSince(request, answer)) return reply.code(304).send();
  if (encoding !== null) reply.header('content-encoding', encoding);
  reply.header('accept-ranges', 'bytes');
  const ifRange = request.headers['if-range'];
  const rangeHeader = typeof request.headers.range === 'string' && (ifRange === undefined || ifRange === etag) ? request.headers.range : undefined;
  const range = parseRange(rangeHeader, body.length);
  if (range === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${body.length}`).send(Buffer.alloc(0));
  if (range === null) return reply.send(body);
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${body.length}`)
    .send(body.subarray(range.start, range.end + 1));
}
