/**
 * `npm run bench:distribution`: issue #5's speed figures on a 100,000-article SQLite store (built
 * once by bench/buildStore.ts, reused afterwards): the news sitemap and the main feed uncached
 * (≤ 50 ms), a monthly article sitemap uncached (≤ 200 ms), and the same outputs served again
 * from the per-content-version memo. In-process (`app.inject`), so no load generator shares the
 * machine; both wall time and the process's CPU time per request are reported (CPU time is what
 * other processes on a busy machine do not inflate). Appends to bench/RESULTS.md unless --no-record.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/loadConfig.js';
import { buildKhabar, type Khabar } from '../src/main.js';
import { benchRoot, buildBenchStore } from './buildStore.js';

const record = !process.argv.includes('--no-record');
const articles = Number(process.argv.find((a) => a.startsWith('--articles='))?.split('=')[1] ?? 100_000);
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 20);

const dataDir = path.join(benchRoot, 'bench', 'out', `articles-${articles}-seed-1`);
mkdirSync(dataDir, { recursive: true });
await buildBenchStore({ file: path.join(dataDir, 'khabar.db'), articles, seed: 1 });

async function open(readMemo: boolean): Promise<Khabar> {
  const config = loadConfig({ env: { KHABAR_DATA_DIR: dataDir }, cwd: dataDir, overrides: { env: 'production', demo: false, logLevel: 'warn', readMemo, baseUrl: 'https://bench.khabar.example' } });
  return buildKhabar({ config, demo: false });
}

interface Timing {
  p50: number;
  p95: number;
  cpu: number;
  bytes: number;
}

async function time(khabar: Khabar, url: string, n: number): Promise<Timing> {
  const walls: number[] = [];
  let cpu = 0;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await khabar.app.inject(url);
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1000;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    bytes = res.rawPayload.length;
  }
  walls.sort((a, b) => a - b);
  return { p50: walls[Math.floor(n / 2)]!, p95: walls[Math.min(n - 1, Math.floor(n * 0.95))]!, cpu: cpu / n, bytes };
}

const uncached = await open(false);
const index = (await uncached.app.inject('/sitemap.xml')).body;
const months = [...index.matchAll(/sitemap-(posts-\d{4}-\d{2})\.xml/g)].map((m) => m[1]!);
const month = months[Math.floor(months.length / 2)]!;
const pages: Array<{ name: string; url: string; floor: number }> = [
  { name: 'news sitemap', url: '/news-sitemap.xml', floor: 50 },
  { name: 'main feed (RSS)', url: '/feed/', floor: 50 },
  { name: `monthly sitemap (${month})`, url: `/sitemap-${month}.xml`, floor: 200 },
  { name: 'sitemap index', url: '/sitemap.xml', floor: Infinity },
  { name: 'tags sitemap', url: '/sitemap-tags.xml', floor: Infinity },
];
const rows: string[] = [];
for (const page of pages) {
  await time(uncached, page.url, 2); // warm the code paths, not the data (the memo is off)
  const cold = await time(uncached, page.url, runs);
  rows.push(
    `| ${page.name} | ${cold.p50.toFixed(1)} ms (p95 ${cold.p95.toFixed(1)}, CPU ${cold.cpu.toFixed(1)}) | ${(cold.bytes / 1024).toFixed(0)} KB | ${Number.isFinite(page.floor) ? `≤ ${page.floor} ms` : '—'} | ${Number.isFinite(page.floor) ? (cold.p50 <= page.floor ? 'PASS' : 'FAIL') : ''} |`,
  );
}
await uncached.close();

const cached = await open(true);
const cachedRows: string[] = [];
for (const page of pages.slice(0, 3)) {
  await time(cached, page.url, 2);
  const warm = await time(cached, page.url, runs * 5);
  cachedRows.push(`${page.name} ${warm.p50.toFixed(2)} ms`);
}
await cached.close();

const lines = [
  '',
  `## Distribution outputs at ${articles.toLocaleString('en')} articles (issue #5) — ${new Date().toISOString()}`,
  '',
  `Command: \`npm run bench:distribution\` (SQLite, in-process \`app.inject\`, read memo off for "uncached", ${runs} runs each; Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)})`,
  '',
  '| output, uncached | median (p95, CPU time) | size | floor | verdict |',
  '|---|---|---|---|---|',
  ...rows,
  '',
  `Served again with the memo on (same content version), median: ${cachedRows.join('; ')}.`,
  '',
];
console.log(lines.join('\n'));
if (record) appendFileSync(path.join(benchRoot, 'bench', 'RESULTS.md'), lines.join('\n'));
