import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { buildKhabar, type Khabar } from '../../src/main.js';
import { createThrowawayPostgres, postgresBin, type ThrowawayPostgres } from '../support/throwawayPostgres.js';
import { freePort } from '../support/varnish.js';
import { waitFor } from '../support/waitFor.js';

/**
 * Two app nodes on a PostgreSQL of their own, which the test stops and starts again (the shared
 * test server is never touched): while it is down every request answers 503 at once, and the
 * nodes recover with no action once it is back.
 */
describe.skipIf(postgresBin === null)('a PostgreSQL restart under two app nodes', () => {
  let pg: ThrowawayPostgres;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'khabar-pgrestart-'));
  const nodes: Array<{ khabar: Khabar; url: string }> = [];

  beforeAll(async () => {
    pg = createThrowawayPostgres(await freePort());
    pg.start();
    for (const first of [true, false]) {
      const config = loadConfig({ env: { DATABASE_URL: pg.url }, overrides: { env: 'test', dataDir, logLevel: 'silent', baseUrl: 'https://khabar.example' } });
      const khabar = await buildKhabar({ config, logger: pino({ level: 'silent' }), migrate: first, demo: first, adminApp: null });
      nodes.push({ khabar, url: await khabar.app.listen({ port: 0, host: '127.0.0.1' }) });
    }
  }, 180_000);

  afterAll(async () => {
    for (const node of nodes) await node.khabar.close().catch(() => {});
    pg?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function timed(url: string): Promise<{ status: number; ms: number; cache: string | null }> {
    const started = performance.now();
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started, cache: res.headers.get('x-cache') };
  }

  it('answers 503 fast while it is down and recovers by itself', async () => {
    for (const node of nodes) {
      expect((await timed(`${node.url}/`)).status).toBe(200);
      expect((await timed(`${node.url}/readyz`)).status).toBe(200);
    }
    pg.stop();
    const down: Array<{ status: number; ms: number; cache: string | null }> = [];
    for (const node of nodes) {
      for (const p of ['/readyz', '/', '/feed/', '/category/مجتمع/']) down.push(await timed(`${node.url}${encodeURI(p)}`));
    }
    console.log(`[pg restart] while down: ${JSON.stringify(down.map((d) => `${d.status} in ${Math.round(d.ms)} ms`))}`);
    // Pages already in the page cache (the home page, read above) are still served from memory;
    // everything that needs the store answers 503 at once, and readiness says the store is gone.
    expect(down.every((d) => d.status === 503 || (d.status === 200 && d.cache !== null && d.cache !== 'MISS' && d.cache !== 'BYPASS')), JSON.stringify(down)).toBe(true);
    expect(down.filter((_, i) => i % 4 === 0).every((d) => d.status === 503)).toBe(true);
    expect(down.filter((d) => d.status === 503).length).toBeGreaterThanOrEqual(6);
    // Measured 18–246 ms alone; 1,040 ms once with the whole suite on a busy 2-core machine.
    expect(Math.max(...down.map((d) => d.ms))).toBeLessThan(2000);
    const home = await fetch(`${nodes[0]!.url}${encodeURI('/category/مجتمع/')}`);
    expect(home.headers.get('retry-after')).toBe('5');
    expect(home.headers.get('cache-control')).toBe('no-store');
    expect(await home.text()).toContain('الخدمة غير متاحة مؤقتاً');

    const restarted = Date.now();
    pg.start();
    for (const node of nodes) {
      await waitFor(async () => (await timed(`${node.url}/readyz`)).status === 200, 15_000, 'the node to be ready again');
      await waitFor(async () => (await timed(`${node.url}/`)).status === 200, 15_000, 'the home page again');
    }
    console.log(`[pg restart] both nodes serving again ${Date.now() - restarted} ms after PostgreSQL started`);
  }, 120_000);
});
