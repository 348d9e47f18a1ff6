import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRoundTripCounter, type RoundTripTally } from '../lib/roundTripCounter.js';
import type { Store } from '../store/ports.js';
import type { CacheStatus } from './cache/sendCachedAnswer.js';
import type { Metrics } from './metrics.js';

export interface MetricsRouteDeps {
  metrics: Metrics;
  store: Store;
  /** Bearer token that /metrics requires; null: /metrics is not served and nothing is measured. */
  token: string | null;
}

const started = Symbol('khabar.metrics.started');
const CACHE_RESULTS: ReadonlySet<string> = new Set<CacheStatus>(['HIT', 'MISS', 'STALE', 'BYPASS']);
const tallied = Symbol('khabar.metrics.tally');
const routeLabel = Symbol('khabar.metrics.route');

type Measured = FastifyRequest & { [started]?: bigint; [tallied]?: RoundTripTally; [routeLabel]?: string };

/**
 * Names the route of a request answered by a catch-all handler (the public `/*` route serves
 * home, sections, articles, feeds…): `setRouteLabel(request, 'article')`. Without it the label is
 * the route pattern, and for `/*` the kind of answer (`public:html`, `public:feed`, `public:3xx`…).
 */
export function setRouteLabel(request: FastifyRequest, label: string): void {
  (request as Measured)[routeLabel] = label;
}

/**
 * `/metrics` in Prometheus' text format, behind `Authorization: Bearer <metrics.token>`, and the
 * hooks that measure every request: count and duration by route pattern, store round-trips per
 * request, store query time, page cache results (from the `X-Cache` of each answer). Nothing is registered when no token is configured.
 */
export function registerMetrics(app: FastifyInstance, deps: MetricsRouteDeps): void {
  const { metrics, token } = deps;
  if (token === null) return;
  const expected = Buffer.from(`Bearer ${token}`);
  const roundTrips = createRoundTripCounter();
  const dialect = deps.store.capabilities.dialect;
  const unobserve = deps.store.observeQueries((event) => {
    roundTrips.record();
    metrics.storeQuery.observe({ dialect }, event.durationMs / 1000);
  });
  app.addHook('onClose', (_app, done) => {
    unobserve();
    done();
  });

  app.addHook('onRequest', (request, _reply, done) => {
    const measured = request as Measured;
    measured[started] = process.hrtime.bigint();
    const tally: RoundTripTally = { count: 0 };
    measured[tallied] = tally;
    // Everything the request's handlers await runs in this context (bodies parsed from the
    // socket may leave it; GET pages, the ones measured, have none).
    roundTrips.within(tally, done);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const measured = request as Measured;
    const route = labelOf(measured, reply);
    const method = request.method;
    metrics.httpRequests.inc({ method, route, status: String(reply.statusCode) });
    if (measured[started] !== undefined) metrics.httpDuration.observe({ method, route }, Number(process.hrtime.bigint() - measured[started]) / 1e9);
    if (measured[tallied]) metrics.storeRoundTrips.observe({ route }, measured[tallied].count);
    // Every answer sendCachedAnswer makes says how the page cache answered it (HIT, MISS, STALE,
    // BYPASS); counted here, once per answer sent, whichever route sent it.
    const cacheStatus = reply.getHeader('x-cache');
    if (typeof cacheStatus === 'string' && CACHE_RESULTS.has(cacheStatus)) metrics.pageCache.inc({ result: cacheStatus.toLowerCase() });
    done();
  });

  app.get('/metrics', async (request, reply) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="khabar metrics"').header('cache-control', 'no-store').send({ code: 'UNAUTHENTICATED' });
    }
    const body = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  });
}

function labelOf(request: Measured, reply: FastifyReply): string {
  if (request[routeLabel]) return request[routeLabel];
  const pattern = request.routeOptions.url;
  if (pattern === undefined) return 'unmatched';
  if (pattern !== '/*') return pattern;
  const status = reply.statusCode;
  if (status >= 300 && status < 400) return status === 304 ? 'public:304' : 'public:3xx';
  if (status === 404) return 'public:404';
  if (status >= 400) return `public:${Math.floor(status / 100)}xx`;
  const type = String(reply.getHeader('content-type') ?? '');
  return /xml|json/.test(type) ? 'public:feed' : 'public:html';
}
