import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundFetch } from '../../src/net/createOutboundFetch.js';
import { cdnPurgeHandler } from '../../src/operations/cdn/cdnPurgeHandler.js';
import { CDN_PURGE_JOB, enqueueCdnPurge } from '../../src/operations/cdn/enqueueCdnPurge.js';
import { createMetrics } from '../../src/web/metrics.js';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';
import type { Store } from '../../src/store/ports.js';
import type { Job } from '../../src/jobs/job.js';
import { startVarnish, varnishAvailable, type Varnish } from '../support/varnish.js';

const SECRET = 'purge-secret-for-tests-0123456789';
/** As main.ts sends purges: through the outbound guard, here allowed to reach loopback (Varnish on 127.0.0.1). */
const send = createOutboundFetch({ allowPrivate: true, timeoutMs: 5000 });

/**
 * An origin that behaves like a Khabar node for Varnish: cacheable pages tagged with Surrogate-Key,
 * whose body says how many times the origin rendered them.
 */
function startOrigin(): Promise<{ server: Server; port: number; renders: Map<string, number> }> {
  const renders = new Map<string, number>();
  const server = createServer((req, res) => {
    if (req.url === '/readyz' || req.url === '/healthz') return res.end('{"status":"ready"}');
    const n = (renders.get(req.url!) ?? 0) + 1;
    renders.set(req.url!, n);
    const keys = req.url!.startsWith('/a/1') ? 'article:1 home section:3' : req.url!.startsWith('/a/2') ? 'article:2 section:4' : 'home';
    res.setHeader('cache-control', 'public, max-age=60, s-maxage=300');
    res.setHeader('surrogate-key', keys);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/private') res.setHeader('cache-control', 'private, no-store');
    res.end(`<p>${req.url} render ${n}</p>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, renders })));
}

describe.skipIf(!varnishAvailable)('Varnish with the shipped VCL and the cdn.purge job', () => {
  let origin: Awaited<ReturnType<typeof startOrigin>>;
  let varnish: Varnish;
  let store: Store;
  beforeAll(async () => {
    origin = await startOrigin();
    varnish = await startVarnish({ backends: [origin.port], purgeSecret: SECRET });
    store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
  });
  afterAll(async () => {
    await varnish?.stop();
    await new Promise((r) => origin?.server.close(r));
    await store?.close();
  });

  const get = async (p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(varnish.url + p, { headers });
    return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text(), keys: res.headers.get('surrogate-key'), xkey: res.headers.get('xkey') };
  };

  it('caches by Cache-Control, keeps keys from readers, and never caches private answers or cookie-carrying editors', async () => {
    expect(await get('/a/1/')).toMatchObject({ status: 200, cache: 'MISS', body: '<p>/a/1/ render 1</p>', keys: null, xkey: null });
    expect(await get('/a/1/')).toMatchObject({ cache: 'HIT', body: '<p>/a/1/ render 1</p>' });
    // A reader's unrelated cookie does not split the cache.
    expect(await get('/a/1/', { cookie: 'theme=dark' })).toMatchObject({ cache: 'HIT' });
    expect(await get('/a/1/', { cookie: 'khabar_session=abc' })).toMatchObject({ body: '<p>/a/1/ render 2</p>' });
    await get('/private');
    expect(await get('/private')).toMatchObject({ body: '<p>/private render 2</p>' });
  });

  it('refuses purges without the secret', async () => {
    const res = await fetch(varnish.url + '/', { method: 'PURGE', headers: { 'xkey-purge': 'home' } });
    expect(res.status).toBe(403);
    const wrong = await fetch(varnish.url + '/', { method: 'PURGE', headers: { 'xkey-purge': 'home', 'x-khabar-purge-secret': 'wrong' } });
    expect(wrong.status).toBe(403);
    expect(await get('/a/1/')).toMatchObject({ cache: 'HIT' });
  });

  it('purges exactly the pages tagged with the keys, through a durable job, and records the lag', async () => {
    await get('/a/2/');
    expect(await get('/a/2/')).toMatchObject({ cache: 'HIT' });
    const metrics = createMetrics({ processMetrics: false });
    const now = () => new Date();
    const endpoints = [varnish.url + '/'];
    const queued = await enqueueCdnPurge({ jobs: store.jobs, endpoints, attempts: 3, backoffMs: 100, now }, ['article:1', 'home', 'article:1']);
    expect(queued).toBe(1);
    const jobs = await store.jobs.claim('test-worker', 10, 60_000);
    expect(jobs.map((j) => j.kind)).toEqual([CDN_PURGE_JOB]);
    expect(jobs[0]!.payload).toMatchObject({ endpoint: endpoints[0], keys: ['article:1', 'home'] });
    await cdnPurgeHandler({ endpoints, secret: SECRET, now, metrics, send })(jobs[0]!);
    await store.jobs.complete(jobs[0]!.id, 'test-worker');

    // Render 2 was the signed-in editor's, passed to the origin.
    expect(await get('/a/1/')).toMatchObject({ cache: 'MISS', body: '<p>/a/1/ render 3</p>' });
    // Not tagged with those keys: still cached.
    expect(await get('/a/2/')).toMatchObject({ cache: 'HIT', body: '<p>/a/2/ render 1</p>' });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^khabar_purge_lag_seconds_count\{target="cdn"\} 1$/m);
  });

  it('fails the job (so the queue retries it) when the endpoint refuses or does not answer', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const job = { payload: { endpoint: varnish.url + '/', keys: ['home'], changedAt: new Date().toISOString() } } as Job;
    await expect(cdnPurgeHandler({ endpoints: [varnish.url + '/'], secret: 'not-the-secret-0000000', now: () => new Date(), metrics, send })(job)).rejects.toThrow(/HTTP 403/);
    const down = { payload: { endpoint: 'http://127.0.0.1:1/', keys: ['home'], changedAt: new Date().toISOString() } } as Job;
    await expect(cdnPurgeHandler({ endpoints: ['http://127.0.0.1:1/'], secret: SECRET, now: () => new Date(), metrics, send })(down)).rejects.toThrow(/failed/);
    expect(await metrics.registry.metrics()).toMatch(/^khabar_purge_failures_total\{target="cdn"\} 2$/m);
    // An endpoint removed from the configuration since: the job is dropped, nothing is sent.
    await expect(cdnPurgeHandler({ endpoints: [], secret: SECRET, now: () => new Date(), send })(down)).resolves.toBeUndefined();
  });
});
