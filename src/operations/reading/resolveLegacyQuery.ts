import type { ReadingDeps } from './ReadingDeps.js';

/** WordPress's query-string addresses that name one thing: `/?p=ID`, `/?page_id=ID`, … */
const LEGACY_KEYS = ['p', 'page_id', 'attachment_id', 'cat', 'tag', 'author'] as const;

/**
 * Where a WordPress query-string address goes now: `/?p=123` (and `page_id`, `attachment_id`,
 * `cat`, `tag`, `author`) through the redirects an import stored under that exact form, and
 * `?amp` / `?amp=1` (WordPress's AMP plugin) to the same path without it. Null when the query
 * names nothing of the kind (the caller serves the path as usual).
 *
 * @example await resolveLegacyQuery(deps, '/', new URLSearchParams('p=7')) // { location: '/7.html', status: 301 }
 */
export async function resolveLegacyQuery(deps: ReadingDeps, path: string, query: URLSearchParams): Promise<{ location: string; status: number } | null> {
  if (query.has('amp')) return { location: path, status: 301 };
  if (path !== '/') return null;
  for (const key of LEGACY_KEYS) {
    const value = query.get(key);
    if (value === null || value === '' || value.length > 200) continue;
    const redirect = await deps.store.redirects.find(`/?${key}=${value}`);
    if (redirect) return { location: redirect.toPath, status: redirect.statusCode };
  }
  return null;
}
