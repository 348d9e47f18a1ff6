/**
 * `npm run bench:varnish`: Khabar behind varnishd with deploy/varnish/khabar.vcl, on one machine.
 *   1. Cached article pages through Varnish vs a static file of the same size on the wire (the
 *      gzipped page's length, random bytes) through the same Varnish (autocannon, 10 connections,
 *      `--rounds=N` alternating pairs, median ratio): requests/s ratio (issue #9: ≥ 80%).
 *   2. Hit ratio after warm-up (varnishstat MAIN.cache_hit / (hit + miss) during the runs).
 *   3. Purge lag: article saved through the admin API → the fresh title through Varnish, p50/p99
 *      over `--purges=N` saves (issue #9: p99 ≤ 500 ms).
 *   4. Store round-trips of each uncached page kind (the node's own histogram).
 * One in-process node on SQLite (demo site). Prints the figures; `--record` appends to RESULTS.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { loadConfig } from '../src/config/loadConfig.js';
import { createPermalink, encodePath } from '../src/domain/permalink.js';
import { buildKhabar } from '../src/main.js';
import { callAs, signIn } from '../test/support/adminSessions.js';
import { freePort, startVarnish } from '../test/support/varnish.js';
import { benchRoot } from './buildStore.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const duration = arg('duration', 5);
const purges = arg('purges', 30);
const roundCount = arg('rounds', 3);
const record = process.argv.includes('--record');
const SECRET = 'bench-purge-secret-0123456789';
const TOKEN = 'bench-metrics-token-0123456789';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'khabar-bench-varnish-'));
const port = await freePort();
const varnish = await startVarnish({ backends: [port], purgeSecret: SECRET });
const config = loadConfig({
  env: {},
  overrides: {
    env: 'production',
    dataDir,
    baseUrl: 'https://khabar.example',
    logLevel: 'silent',
    server: { port, host: '127.0.0.1' },
    metrics: { token: TOKEN },
    cdn: { purgeEndpoints: [`${varnish.url}/`], purgeSecret: SECRET },
    // Varnish listens on loopback here: the outbound guard refuses private addresses unless allowed
    // (as an operator with Varnish on a private network sets it; docs/operations.md).
    outbound: { allowPrivate: true },
  },
});
const khabar = await buildKhabar({ config, logger: pino({ level: 'silent' }), demo: true, adminApp: null });
await khabar.app.listen({ port, host: '127.0.0.1' });
const node = `http://127.0.0.1:${port}`;

try {
  const article = (await khabar.store.articles.listPublished({}, { limit: 1, offset: 0 }))[0]!;
  const articlePath = encodePath(
    createPermalink(config.site.permalink, config.site.timeZone).build({ id: article.id, slug: article.slug, publishedAt: article.publishedAt!, categoryPath: '', authorSlug: '' }),
  );
  for (;;) {
    // /readyz passes through Varnish and leaves the page cache and read memo cold.
    if ((await fetch(varnish.url + '/readyz')).status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Round-trips per uncached page kind, from the node's histogram (read memo cold: first request).
  const scrape = async () => (await fetch(`${node}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const sum = (text: string) => [...text.matchAll(/^khabar_store_round_trips_sum\{route="public:[^"]+"\} (\S+)$/gm)].reduce((t, m) => t + Number(m[1]), 0);
  const roundTrips: Record<string, [number, number]> = {};
  for (const [name, p] of Object.entries({ home: '/', section: encodePath('/category/مجتمع/'), article: articlePath, feed: '/feed/' })) {
    const counts: number[] = [];
    for (let i = 0; i < 2; i++) {
      const before = sum(await scrape());
      await (await fetch(node + p)).arrayBuffer();
      counts.push(sum(await scrape()) - before);
    }
    roundTrips[name] = [counts[0]!, counts[1]!];
  }

  // A static file of the size the article page has on the wire (gzip: fetch would decompress, so
  // the length comes from the header), served by the node from the media folder. Random bytes:
  // nothing on the way can compress it to less.
  const gzipped = await fetch(node + articlePath, { headers: { 'accept-encoding': 'gzip' } });
  if (gzipped.headers.get('content-encoding') !== 'gzip') throw new Error('the article page was not gzipped: the sizes would not match');
  const bytes = Number(gzipped.headers.get('content-length'));
  await gzipped.arrayBuffer();
  mkdirSync(path.join(dataDir, 'media'), { recursive: true });
  writeFileSync(path.join(dataDir, 'media', 'bench-static.html'), randomBytes(bytes));
  const staticPath = '/media/bench-static.html';

  const stat = () => {
    const out = execFileSync('varnishstat', ['-n', varnish.workDir, '-1', '-f', 'MAIN.cache_hit', '-f', 'MAIN.cache_miss'], { encoding: 'utf8' });
    const get = (name: string) => Number(new RegExp(`${name}\\s+(\\d+)`).exec(out)?.[1] ?? 0);
    return { hit: get('MAIN.cache_hit'), miss: get('MAIN.cache_miss') };
  };
  const run = async (url: string) => {
    const result = await autocannon({ url, connections: 10, duration, headers: { 'accept-encoding': 'gzip' } });
    return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors, bytesPer: Math.round(result.throughput.average / Math.max(1, result.requests.average)) };
  };
  // Warm-up: one request each puts them in the cache.
  await fetch(varnish.url + articlePath);
  await fetch(varnish.url + staticPath);
  const before = stat();
  // Alternating rounds; the median ratio (a single 5 s pair varied by ±15% on a quiet machine).
  const rounds: { article: Awaited<ReturnType<typeof run>>; file: Awaited<ReturnType<typeof run>> }[] = [];
  for (let i = 0; i < roundCount; i++) rounds.push({ article: await run(varnish.url + articlePath), file: await run(varnish.url + staticPath) });
  rounds.sort((a, b) => a.article.rps / a.file.rps - b.article.rps / b.file.rps);
  const { article: cachedArticle, file: staticFile } = rounds[Math.floor(rounds.length / 2)]!;
  const ratios = rounds.map((r) => `${((100 * r.article.rps) / r.file.rps).toFixed(0)}%`).join(', ');
  const after = stat();
  const failed = rounds.filter((r) => r.article.non2xx + r.article.errors + r.file.non2xx + r.file.errors > 0).length;
  if (failed > 0) console.error(`INVALID: ${failed} of ${roundCount} rounds had failed or non-2xx answers`);
  const hits = after.hit - before.hit;
  const misses = after.miss - before.miss;
  const hitRatio = hits / Math.max(1, hits + misses);

  // Purge lag: save through the admin API, purge (keys through the job queue; by URL while pages
  // carry no Surrogate-Key yet), poll Varnish for the new title.
  const { Bench } = await signIn(khabar, { Bench: 'editor' });
  const tagged = (await fetch(node + articlePath)).headers.get('surrogate-key') !== null;
  const lags: number[] = [];
  for (let i = 0; i < purges; i++) {
    const current = (await khabar.store.articles.findById(article.id))!;
    const title = `عنوان ${i} ${Date.now()}`;
    const started = performance.now();
    const saved = await callAs(khabar, Bench, 'PATCH', `/admin/api/articles/${article.id}`, { title, version: current.version });
    if (saved.statusCode !== 200) throw new Error(saved.body);
    await khabar.purgeCdn([`article:${article.id}`]);
    if (!tagged) await fetch(varnish.url + articlePath, { method: 'PURGE', headers: { 'x-khabar-purge-secret': SECRET } });
    for (;;) {
      if ((await (await fetch(varnish.url + articlePath)).text()).includes(title)) break;
      if (performance.now() - started > 10_000) throw new Error(`save ${i}: the new title did not reach Varnish within 10 s (is the purge refused?)`);
      await new Promise((r) => setTimeout(r, 5));
    }
    lags.push(performance.now() - started);
  }
  lags.sort((a, b) => a - b);
  const pct = (p: number) => lags[Math.min(lags.length - 1, Math.ceil((p / 100) * lags.length) - 1)]!;
  const jobLag = /^khabar_purge_lag_seconds_sum\{target="cdn"\} (\S+)$/m.exec(await scrape());
  const jobCount = /^khabar_purge_lag_seconds_count\{target="cdn"\} (\S+)$/m.exec(await scrape());

  const lines = [
    '',
    `## bench:varnish — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (issue #9; load average ${os.loadavg()[0]!.toFixed(2)} at the end, 2 cores)`,
    '',
    `One in-process node on SQLite (demo site) behind varnishd 7.1 with deploy/varnish/khabar.vcl; autocannon, 10 connections, ${duration} s each, gzip accepted.`,
    '',
    '| figure | value | issue #9 target |',
    '|---|---|---|',
    `| cached article page through Varnish | ${Math.round(cachedArticle.rps)} req/s, p99 ${cachedArticle.p99} ms, ${cachedArticle.bytesPer} bytes per answer with headers | — |`,
    `| static file of the same size on the wire (${bytes} bytes, incompressible) through Varnish | ${Math.round(staticFile.rps)} req/s, p99 ${staticFile.p99} ms, ${staticFile.bytesPer} bytes per answer with headers | — |`,
    ...(failed > 0 ? [`| **INVALID** | ${failed} rounds had failed or non-2xx answers | — |`] : []),
    `| ratio (median of ${roundCount} alternating rounds: ${ratios}) | ${((100 * cachedArticle.rps) / staticFile.rps).toFixed(0)}% | ≥ 80% |`,
    `| hit ratio after warm-up | ${(100 * hitRatio).toFixed(2)}% (${hits} hits, ${misses} misses) | ≥ 99% |`,
    `| purge lag, save → fresh page through Varnish (${purges} saves; ${tagged ? 'xkey purge through the cdn.purge job' : 'URL purge: pages carry no Surrogate-Key until the page cache (#8) is merged'}) | p50 ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms | p99 ≤ 500 ms |`,
    `| cdn.purge job lag (commit → Varnish acknowledged, khabar_purge_lag_seconds) | mean ${jobLag && jobCount ? ((1000 * Number(jobLag[1])) / Number(jobCount[1])).toFixed(0) : '?'} ms over ${jobCount?.[1] ?? 0} jobs | — |`,
    `| store round-trips per uncached page, first request / again (page cache and read memo warm) | ${Object.entries(roundTrips).map(([k, [a, b]]) => `${k} ${a} / ${b}`).join(', ')} | article ≤ 5 |`,
    '',
  ];
  console.log(lines.join('\n'));
  if (record) appendFileSync(path.join(benchRoot, 'bench', 'RESULTS.md'), lines.join('\n'));
} finally {
  await khabar.close();
  await varnish.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
