import type { FastifyRequest } from 'fastify';
import { COMMENTER_COOKIE, readCookie } from '../public/commenterCookie.js';

/**
 * Query parameters that change a public answer or make it personal: a request carrying one is
 * answered without the cache (search, reply form, a reader's own held comment).
 */
const BYPASS_PARAMS = new Set(['s', 'q', 'replytocom', 'unapproved', 'moderation-hash']);

/**
 * The page cache key of a public request, or null to bypass the cache. The rule (documented in
 * docs/decisions/014-page-cache.md): the key is the decoded path and the site's current day (the
 * masthead shows the date). Every other query parameter (`?utm_source=`, `?fbclid=`, `?x=random`)
 * is ignored — the answer does not depend on it — so cache-busting strings cannot fill memory; a
 * redirect still carries the request's own query string. A reader with the comment form's
 * "remember me" cookie gets a personal page: bypass.
 *
 * @example pageCacheKey(request, '/category/رياضة/', '2026-11-29') // '2026-11-29|/category/رياضة/'
 */
export function pageCacheKey(request: FastifyRequest, path: string, day: string): string | null {
  const url = request.url;
  const q = url.indexOf('?');
  if (q !== -1) {
    for (const pair of url.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      let name = eq === -1 ? pair : pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        return null;
      }
      if (BYPASS_PARAMS.has(name)) return null;
    }
  }
  const cookie = request.headers.cookie;
  if (cookie !== undefined && cookie.includes(COMMENTER_COOKIE) && readCookie(cookie, COMMENTER_COOKIE) !== null) return null;
  return `${day}|${path}`;
}
