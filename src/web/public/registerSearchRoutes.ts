import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReadMemo } from '../../operations/reading/createReadMemo.js';
import type { ReadingDeps } from '../../operations/reading/ReadingDeps.js';
import { readFrame } from '../../operations/reading/readFrame.js';
import { frameKeys } from '../../operations/reading/outcomeKeys.js';
import { surrogateKey } from '../../domain/surrogateKeys.js';
import type { RateLimiter } from '../../ratelimit/RateLimiter.js';
import { searchArticles, type SearchDeps, type SearchInput, type SearchOutcome } from '../../search/searchArticles.js';
import { renderSearchPage } from '../../views/render.js';
import type { Presenter } from './createPresenter.js';
import { presentSearchJson, presentSearchPage, searchNotices } from './presentSearch.js';

export interface SearchRouteDeps {
  reading: ReadingDeps;
  search: SearchDeps;
  presenter: Presenter;
  /** Search outcomes and the frame, kept until a purge of what they show. */
  memo: ReadMemo;
  /** Optional: without one, search is not rate limited (tests, single trusted user). */
  rateLimiter?: RateLimiter;
  rateLimitPerMinute: number;
}

/** Search pages change with every publication; shared caches may keep them briefly. */
const SEARCH_CACHE = 'public, max-age=60, stale-while-revalidate=30';

/** The first value of a query parameter, as a string ('' when absent or not text). */
function param(query: unknown, name: string): string {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function inputOf(request: FastifyRequest, queryName: 'q' | 's'): SearchInput {
  const q = request.query;
  const page = Number(param(q, 'page') || param(q, 'paged') || '1');
  return {
    query: param(q, queryName),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    section: param(q, 'section') || param(q, 'category_name'),
    author: param(q, 'author'),
    from: param(q, 'from'),
    to: param(q, 'to'),
  };
}

function memoKey(input: SearchInput): string {
  return `search:${JSON.stringify([input.query.replace(/\s+/gu, ' ').trim(), input.page, input.section, input.author, input.from, input.to])}`;
}

/**
 * `/search?q=` and WordPress's `/?s=` (the results page, noindex) and `/search.json?q=` (the same
 * results as data, for the admin and the content API), rate limited per client IP.
 */
export function registerSearchRoutes(app: FastifyInstance, deps: SearchRouteDeps) {
  const frame = () => deps.memo.get('search-frame', () => readFrame(deps.reading), { keys: frameKeys });
  // Results show cards (comment counts included) of any article: any article or comment change.
  const resultKeys = () => [surrogateKey.search, surrogateKey.settings, surrogateKey.comments, surrogateKey.sectionTree];
  const run = (input: SearchInput): Promise<SearchOutcome> => deps.memo.get(memoKey(input), () => searchArticles(deps.search, input), { keys: resultKeys });

  /** True when the client may search now; otherwise the 429 is already being sent. */
  async function admitted(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    if (!deps.rateLimiter) return true;
    let decision;
    try {
      decision = await deps.rateLimiter.hit(`search:ip:${request.ip}`, deps.rateLimitPerMinute, 60_000);
    } catch (error) {
      // A limiter that cannot answer (Redis down) must not take search down with it.
      request.log.warn({ err: error }, 'search rate limiter unavailable; request allowed');
      return true;
    }
    if (decision.allowed) return true;
    reply.code(429).header('retry-after', String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)))).header('cache-control', 'no-store');
    return false;
  }

  async function page(request: FastifyRequest, reply: FastifyReply, queryName: 'q' | 's') {
    const input = inputOf(request, queryName);
    const allowed = await admitted(request, reply);
    const outcome = allowed ? await run(input) : null;
    const html = renderSearchPage(presentSearchPage(deps.presenter, await frame(), outcome, input));
    if (allowed) reply.header('cache-control', SEARCH_CACHE);
    return reply.header('content-type', 'text/html; charset=utf-8').header('x-robots-tag', 'noindex').send(Buffer.from(html));
  }

  app.get('/search', (request, reply) => page(request, reply, 'q'));
  app.get('/search/', (request, reply) => page(request, reply, 'q'));

  app.get('/search.json', async (request, reply) => {
    if (!(await admitted(request, reply))) return reply.send({ error: { code: 'RATE_LIMITED', message: searchNotices.limited } });
    const outcome = await run(inputOf(request, 'q'));
    return reply.header('cache-control', SEARCH_CACHE).send(presentSearchJson(deps.presenter, await frame(), outcome));
  });

  /** For the public catch-all route: `/?s=…` is WordPress's search URL. */
  return {
    wordpressSearch: (request: FastifyRequest, reply: FastifyReply) => page(request, reply, 's'),
  };
}
