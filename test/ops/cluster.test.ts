import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { buildKhabar, type Khabar } from '../../src/main.js';
import { createPostgresStore } from '../../src/store/postgres/createPostgresStore.js';
import { callAs, signIn } from '../support/adminSessions.js';
import { pgAvailable, testPgUrl } from '../support/stores.js';
import { backendHealth, freePort, startVarnish, varnishAvailable, type Varnish } from '../support/varnish.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { waitFor } from '../support/waitFor.js';

const REDIS_URL = process.env.KHABAR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'cluster-purge-secret-0123456789';

async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
const redisAvailable = await redisAnswers();

interface Node {
  name: string;
  khabar: Khabar;
  url: string;
  port: number;
}

/**
 * Three app nodes (in-process, each with its own PostgreSQL pool, job worker and HTTP port) on
 * one PostgreSQL schema and one media folder, rate limits in Redis, behind a varnishd running the
 * shipped VCL. The scheduler's "100 articles published once by three processes" lives in
 * test/web/scheduler.test.ts.
 */
describe.skipIf(!pgAvailable || !varnishAvailable || !redisAvailable)('three app nodes on one PostgreSQL behind Varnish', () => {
  const schema = `khabar_cluster_${randomBytes(5).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'khabar-cluster-'));
  const nodes: Node[] = [];
  let varnish: Varnish;

  async function startNode(name: string, first: boolean, port: number, purgeEndpoints: string[]): Promise<Node> {
    const store = await createPostgresStore({ connectionString: testPgUrl, schema, poolSize: 4 });
    const config = loadConfig({
      env: { REDIS_URL },
      overrides: {
        env: 'test',
        dataDir,
        baseUrl: 'https://khabar.example',
        logLevel: 'silent',
        // Behind Varnish on loopback, as in production behind the site's proxy: the client address
        // comes from X-Forwarded-For (the rate-limit test sends one of its own per run).
        server: { port, host: '127.0.0.1', trustProxy: ['127.0.0.1'] },
        search: { rateLimitPerMinute: 4 },
        cdn: { purgeEndpoints, purgeSecret: SECRET },
        // Varnish listens on loopback here: the outbound guard must be told it may reach it.
        outbound: { allowPrivate: true },
      },
    });
    const khabar = await buildKhabar({ config, store, logger: pino({ level: 'silent' }), migrate: first, demo: first, adminApp: null });
    const address = await khabar.app.listen({ port, host: '127.0.0.1' });
    const closeStore = khabar.close;
    khabar.close = async () => {
      await closeStore();
      await store.close();
    };
    return { name, khabar, url: address, port };
  }

  beforeAll(async () => {
    // Varnish is started first on the nodes' ports (its probe marks them healthy once they
    // listen), so the nodes can be configured with it as their purge endpoint.
    const ports = [await freePort(), await freePort(), await freePort()];
    varnish = await startVarnish({ backends: ports, purgeSecret: SECRET });
    const endpoints = [`${varnish.url}/`];
    nodes.push(await startNode('A', true, ports[0]!, endpoints));
    nodes.push(await startNode('B', false, ports[1]!, endpoints));
    nodes.push(await startNode('C', false, ports[2]!, endpoints));
    await waitFor(async () => (await fetch(`${varnish.url}/`)).status === 200, 20_000, 'Varnish to serve the home page');
  }, 120_000);

  afterAll(async () => {
    await varnish?.stop();
    for (const node of nodes) await node.khabar.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Varnish serves from the nodes (its probe of /readyz may flap on a machine this busy). */
  const servingThroughVarnish = () => waitFor(async () => (await fetch(`${varnish.url}/?probe=${Date.now()}`)).status === 200, 30_000, 'Varnish to reach a node');

  const A = () => nodes[0]!;
  const B = () => nodes[1]!;
  const C = () => nodes[2]!;

  it('a session created on node A is valid on node C', async () => {
    const { Editor } = await signIn(A().khabar, { Editor: 'editor' });
    const onC = await fetch(`${C().url}/admin/api/session`, { headers: { cookie: Editor.cookie } });
    expect(onC.status).toBe(200);
    expect(((await onC.json()) as { user: { id: number } }).user.id).toBe(Editor.userId);
    await callAs(A().khabar, Editor, 'DELETE', '/admin/api/session');
    expect((await fetch(`${C().url}/admin/api/session`, { headers: { cookie: Editor.cookie } })).status).toBe(401);
  });

  it('a rate limit counts across nodes (Redis)', async () => {
    const ip = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const search = (node: Node) => fetch(`${node.url}/search?q=${encodeURIComponent('المغرب')}`, { headers: { 'x-forwarded-for': ip } }).then((r) => r.status);
    // 4 a minute per address: A, B, C, A pass; the fifth, on B, is refused.
    expect([await search(A()), await search(B()), await search(C()), await search(A())]).toEqual([200, 200, 200, 200]);
    expect(await search(B())).toBe(429);
    expect(await search(C())).toBe(429);
  });

  it('an article updated through node A is fresh through Varnish and nodes B and C within 1 s', async () => {
    const article = (await A().khabar.store.articles.listPublished({}, { limit: 1, offset: 0 }))[0]!;
    const full = (await A().khabar.store.articles.findById(article.id))!;
    const pageUrl = encodePath(
      createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca').build({ id: article.id, slug: article.slug, publishedAt: article.publishedAt!, categoryPath: '', authorSlug: '' }),
    );
    await servingThroughVarnish();
    const first = await fetch(varnish.url + pageUrl);
    expect(first.status).toBe(200);
    await fetch(varnish.url + pageUrl);
    const { Chief } = await signIn(A().khabar, { Chief: 'editor' });
    const title = `عنوان محدّث ${randomBytes(3).toString('hex')}`;
    const changedAt = Date.now();
    const saved = await callAs(A().khabar, Chief, 'PATCH', `/admin/api/articles/${article.id}`, { title, version: full.version });
    expect(saved.statusCode, saved.body).toBe(200);
    // The page cache's purge bus (issue #8) calls purgeCdn with the article's keys on every change
    // once merged. Until the app tags pages with Surrogate-Key, Varnish can only purge by URL.
    const tagged = (await fetch(A().url + pageUrl)).headers.get('surrogate-key') !== null;
    if (tagged) await A().khabar.purgeCdn([`article:${article.id}`]);
    else await fetch(varnish.url + pageUrl, { method: 'PURGE', headers: { 'x-khabar-purge-secret': SECRET } });
    const fresh = async (base: string) => (await (await fetch(base + pageUrl)).text()).includes(title);
    await waitFor(async () => (await fresh(B().url)) && (await fresh(C().url)) && (await fresh(varnish.url)), 1_000, 'nodes B, C and Varnish to show the new title');
    console.log(`[cluster] fresh on B, C and Varnish ${Date.now() - changedAt} ms after the save (surrogate keys from the app: ${tagged})`);
  });

  it('killing node B during a load through Varnish fails no request beyond those in flight on B', async () => {
    await servingThroughVarnish();
    const concurrency = 6;
    const results: number[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        // A distinct URL per request: every one is a miss that reaches a node.
        const res = await fetch(`${varnish.url}/?load=${n++}`).then(
          (r) => r.status,
          () => 0,
        );
        results.push(res);
      }
    };
    const load = Array.from({ length: concurrency }, worker);
    await waitFor(() => results.length >= 30, 30_000, 'the load to run');
    // The kill is measured against three healthy nodes: on a loaded machine a probe of /readyz can
    // time out (2 s) and take A or C out for a few seconds, which is Varnish's call, not B's death.
    await waitFor(async () => (await backendHealth(varnish)).filter((b) => b.healthy).length === 3, 30_000, 'Varnish to see the three nodes healthy under the load');
    const before = results.length;
    // As abrupt as a crash: every socket of B is destroyed, then it stops listening.
    B().khabar.app.server.closeAllConnections();
    await B().khabar.app.close();
    await waitFor(() => results.length >= before + 60, 60_000, 'the load to go on without B');
    stop = true;
    await Promise.all(load);
    const failed = results.filter((s) => s !== 200).length;
    console.log(`[cluster] ${results.length} requests through Varnish, node B killed after ${before}: ${failed} failed`);
    const health = await backendHealth(varnish);
    const statuses = results.slice(before).reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});
    expect(failed, `statuses after the kill ${JSON.stringify(statuses)}, backends ${JSON.stringify(health)}`).toBeLessThanOrEqual(concurrency);
  }, 120_000);
});
