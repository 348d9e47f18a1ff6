/**
 * `npm run bench`: builds (or reuses) a store of generated articles, starts Khabar and a raw
 * `node:http` server answering the same bytes, each in its own process, and loads each measured
 * page with autocannon, alternately raw then Khabar. Prints a table against this issue's floors,
 * Khabar's RSS, the machine; appends the figures and the command to bench/RESULTS.md.
 *
 * A measurement, not a test: the exit code is 0 even when a floor fails (FAIL is printed).
 * `--profile PAGE` instead loads one page against Khabar only, with a CPU profile and SQL
 * timings, and prints where the time went.
 *
 * Designed to grow: more pages are more entries in `pagesToMeasure`, more servers (cached,
 * peers) are more entries in `targets`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createPermalink, encodePath } from '../src/domain/permalink.js';
import { benchRoot, buildBenchStore, type BenchMarker, type BuildResult } from './buildStore.js';
import { formatProfileSummary, summarizeCpuProfile } from './cpuProfile.js';
import type { RawPage } from './rawServer.js';
import { SERVER_HEAP_FLAGS } from '../src/runtime/serverHeapFlags.js';
import { fillCache, median, publishToFresh, stampede } from './cacheChecks.js';

// ---------------------------------------------------------------------------------------------
// Options

const USAGE = `usage: npm run bench -- [options]
  --articles N      articles in the store (default 50000)
  --duration S      seconds of load per page and server (default 10)
  --connections C   autocannon connections (default 50)
  --warmup S        seconds of warm-up load before each measurement (default 2)
  --seed N          generator seed (default 1)
  --quick           smoke run: 5000 articles, 3 s per page (not recorded in RESULTS.md)
  --no-record       do not append to bench/RESULTS.md
  --profile PAGE    profile Khabar on one page (home, section, article, tag, feed, search): CPU profile + SQL timings
  --peer NAME=URL   another server holding the same content, measured on the same paths (repeatable)
  --p99-connections C  connections of the p99 comparison on the cached article (default 256)
  --help

Khabar runs twice: with its page cache ("khabar") and with KHABAR_PAGE_CACHE=0 ("uncached": every
request renders, from the read memo's data).`;

interface Options {
  articles: number;
  duration: number;
  connections: number;
  warmup: number;
  seed: number;
  quick: boolean;
  record: boolean;
  profile: string | null;
  peers: Array<{ name: string; baseUrl: string }>;
  p99Connections: number;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (name === 'warmup' ? 0 : 1)) throw new Error(`--${name} expects a positive integer, got ${value}`);
  return n;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-record': { type: 'boolean', default: false },
      profile: { type: 'string' },
      peer: { type: 'string', multiple: true },
      'p99-connections': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  return {
    articles: positiveInt('articles', values.articles, quick ? 5_000 : 50_000),
    duration: positiveInt('duration', values.duration, quick ? 3 : 10),
    connections: positiveInt('connections', values.connections, 50),
    warmup: positiveInt('warmup', values.warmup, 2),
    seed: positiveInt('seed', values.seed, 1),
    quick,
    record: !quick && !values['no-record'] && values.profile === undefined,
    profile: values.profile ?? null,
    peers: (values.peer ?? []).map((spec) => {
      const eq = spec.indexOf('=');
      if (eq < 1 || !/^https?:\/\//.test(spec.slice(eq + 1))) throw new Error(`--peer expects NAME=URL, got ${spec}`);
      return { name: spec.slice(0, eq), baseUrl: spec.slice(eq + 1).replace(/\/$/, '') };
    }),
    p99Connections: positiveInt('p99-connections', values['p99-connections'], 256),
  };
}

// ---------------------------------------------------------------------------------------------
// Floors (issue #8): `page|target` → least share of the raw server's req/s

const FLOORS: Record<string, number | null> = { 'article|khabar': 0.7, 'article|uncached': 0.3 };
const RSS_LIMIT_MB = 300;
/** The cached article's p99 at 256 connections, at most this many times the raw server's. */
const P99_FACTOR = 2;
const FRESH_LIMIT_MS = 1000;

// ---------------------------------------------------------------------------------------------
// Child processes

const children = new Set<ChildProcess>();

interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  port: number;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** Starts `node --import tsx <script>` and waits for its `<readyPrefix> {"port":…}` line. */
function startChild(name: string, script: string, readyPrefix: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<Child> {
  // TypeScript children need the tsx loader; the Khabar child is plain JavaScript over dist/.
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const proc = spawn(process.execPath, [...nodeArgs, ...loader, script], {
    cwd: benchRoot,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(proc);
  const exited = new Promise<number | null>((resolve) => {
    proc.once('exit', (code) => {
      children.delete(proc);
      resolve(code);
    });
  });
  createInterface({ input: proc.stderr! }).on('line', (line) => process.stderr.write(`[${name}] ${line}\n`));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s`)), 120_000);
    let ready = false;
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (!ready && line.startsWith(`${readyPrefix} `)) {
        ready = true;
        clearTimeout(timer);
        const { port } = JSON.parse(line.slice(readyPrefix.length + 1)) as { port: number };
        resolve({ name, process: proc, pid: proc.pid!, port, exited });
        return;
      }
      process.stderr.write(`[${name}] ${line}\n`);
    });
    proc.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${name} exited with code ${code} before it was ready`));
    });
  });
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
  if ((await Promise.race([child.exited, timeout])) === 'timeout') {
    child.process.kill('SIGKILL');
    await child.exited;
  }
}

function killChildrenNow() {
  for (const proc of children) {
    try {
      proc.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

let currentLoad: autocannon.Instance | null = null;
process.on('exit', killChildrenNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    currentLoad?.stop();
    killChildrenNow();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Memory of the Khabar process

interface MemoryReading {
  rssMb: number;
  /** The kernel's high-water mark of the resident set (VmHWM), when available. */
  hwmMb: number | null;
}

function readMemory(pid: number): MemoryReading | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const rss = kb('VmRSS');
    if (Number.isNaN(rss)) return null;
    const hwm = kb('VmHWM');
    return { rssMb: rss / 1024, hwmMb: Number.isNaN(hwm) ? null : hwm / 1024 };
  } catch {
    return null; // not Linux, or the process is gone
  }
}

function createRssSampler(pid: number) {
  let peakMb = 0;
  let loadPeakMb = 0;
  let underLoad = false;
  const sample = () => {
    const m = readMemory(pid);
    if (!m) return null;
    peakMb = Math.max(peakMb, m.rssMb);
    if (underLoad) loadPeakMb = Math.max(loadPeakMb, m.rssMb);
    return m;
  };
  const timer = setInterval(sample, 200);
  timer.unref();
  return {
    sample,
    setUnderLoad(value: boolean) {
      underLoad = value;
    },
    get peakMb() {
      return peakMb;
    },
    get loadPeakMb() {
      return loadPeakMb;
    },
    stop() {
      clearInterval(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

interface PageSpec {
  name: string;
  /** The path as sent on the wire (percent-encoded). */
  path: string;
  note: string;
}

interface CapturedPage extends PageSpec {
  contentType: string;
  body: Buffer;
}

/** Follows redirects from `path` to a 200 and returns the final wire path and its bytes. */
async function capture(baseUrl: string, spec: PageSpec): Promise<CapturedPage> {
  let current = spec.path;
  for (let hop = 0; hop < 4; hop++) {
    const response = await fetch(baseUrl + current, { redirect: 'manual' });
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      if (!location) throw new Error(`${spec.name}: ${response.status} without a location`);
      const next = new URL(location, baseUrl + current);
      console.log(`  ${spec.name}: ${current} redirects (${response.status}) to ${next.pathname}`);
      current = next.pathname + next.search;
      continue;
    }
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`${spec.name}: GET ${current} answered ${response.status}`);
    return { ...spec, path: current, contentType: response.headers.get('content-type') ?? 'application/octet-stream', body };
  }
  throw new Error(`${spec.name}: too many redirects from ${spec.path}`);
}

/** The pages this issue measures. The article is the store's probe: recent, median body, tagged. */
function pagesToMeasure(marker: BenchMarker): PageSpec[] {
  // Khabar's defaults: permalink /%year%/%monthnum%/%postname%/ in Africa/Casablanca.
  const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
  const articlePath = permalink.build({
    id: 0,
    slug: marker.probe.slug,
    publishedAt: new Date(marker.probe.publishedAt),
    categoryPath: '',
    authorSlug: '',
  });
  return [
    { name: 'home', path: '/', note: 'front page' },
    { name: 'section', path: encodePath(`/category/${marker.sectionSlug}/`), note: `section ${marker.sectionSlug} (with 2 subsections), page 1` },
    { name: 'article', path: encodePath(articlePath), note: `article with a median body (${marker.probe.bodyChars} chars of HTML), 2+ tags` },
    { name: 'feed', path: '/feed/', note: 'the site RSS feed' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Load

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  requests: number;
}

async function load(url: string, options: { connections: number; duration: number }): Promise<LoadResult> {
  const instance = autocannon({ url, connections: options.connections, duration: options.duration, pipelining: 1 });
  currentLoad = instance;
  try {
    const r = await instance;
    return {
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors,
      non2xx: r.non2xx,
      timeouts: r.timeouts,
      requests: r.requests.total,
    };
  } finally {
    currentLoad = null;
  }
}

interface Target {
  name: string;
  baseUrl: string;
  /** Sampled for RSS while it is under load. */
  pid?: number;
}

interface PageResult {
  page: CapturedPage;
  byTarget: Map<string, LoadResult>;
}

// ---------------------------------------------------------------------------------------------
// Report

function machine() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism(),
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    memGb: os.totalmem() / 1024 ** 3,
  };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function resultTable(results: PageResult[]): { text: string; failures: string[] } {
  const failures: string[] = [];
  const rows: string[][] = [];
  const bad = (r: LoadResult) => r.errors + r.non2xx;
  for (const { page, byTarget } of results) {
    const raw = byTarget.get('raw')!;
    for (const [target, r] of byTarget) {
      if (target === 'raw') continue;
      const ratio = r.rps / raw.rps;
      const floor = FLOORS[`${page.name}|${target}`] ?? null;
      // A run with failed answers measured something else than the page (a 503 or a 429 is cheap):
      // it is never a pass, whatever the ratio.
      const invalid = bad(r) > 0 || bad(raw) > 0;
      const pass = invalid ? 'INVALID' : floor === null ? '—' : ratio >= floor ? 'PASS' : 'FAIL';
      if (pass === 'FAIL') failures.push(`${page.name} (${target}): ${(ratio * 100).toFixed(1)}% of raw < ${floor! * 100}%`);
      if (invalid) failures.push(`${page.name} (${target}): ${bad(r)} failed or non-2xx answers (raw ${bad(raw)}): not a measurement of the page`);
      rows.push([
        page.name,
        target,
        `${fmt(page.body.byteLength / 1024, 1)} KB`,
        fmt(raw.rps),
        fmt(r.rps),
        `${(ratio * 100).toFixed(1)}%`,
        `${raw.p50} / ${raw.p99}`,
        `${r.p50} / ${r.p99}`,
        `${bad(raw)} / ${bad(r)}`,
        floor === null ? '—' : `≥ ${floor * 100}%`,
        pass,
      ]);
    }
  }
  const header = ['page', 'server', 'bytes', 'raw req/s', 'req/s', 'ratio', 'raw p50/p99 ms', 'p50/p99 ms', 'errors+non-2xx raw/server', 'floor', 'result'];
  return { text: table(header, rows), failures };
}

function commandLine(argv: string[]): string {
  const quoted = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`));
  return `npm run bench${quoted.length ? ` -- ${quoted.join(' ')}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  const started = new Date();
  const m = machine();
  console.log(`Khabar benchmark — ${started.toISOString()}`);
  console.log(`machine: ${m.nproc} CPUs (${m.cpu}), ${fmt(m.memGb, 1)} GB, ${m.os}, Node ${m.node}`);
  const loadBefore = os.loadavg()[0] ?? 0;
  console.log(`load average (1 min) before the run: ${loadBefore.toFixed(2)}${busyNote(loadBefore, m.nproc)}`);
  console.log(
    `run: ${fmt(options.articles)} articles, ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per page and server` +
      (options.quick ? ' (--quick)' : ''),
  );

  // The store: one folder per size and seed, so a quick run does not throw away the full store.
  const dataDir = path.join(benchRoot, 'bench', 'out', `articles-${options.articles}-seed-${options.seed}`);
  // The media folder exists on a real install (uploads); without it @fastify/static warns at start.
  mkdirSync(path.join(dataDir, 'media'), { recursive: true });
  const build: BuildResult = await buildBenchStore({ file: path.join(dataDir, 'khabar.db'), articles: options.articles, seed: options.seed });

  // Khabar, alone in its process.
  const profileDir = path.join(benchRoot, 'bench', 'out', 'profiles');
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const cpuProfileFile = path.join(profileDir, `khabar-${options.profile ?? 'run'}-${stamp}.cpuprofile`);
  const sqlProfileFile = path.join(profileDir, `khabar-${options.profile ?? 'run'}-${stamp}.sql.json`);
  if (options.profile) mkdirSync(profileDir, { recursive: true });
  const khabarEnv: NodeJS.ProcessEnv = { ...process.env, KHABAR_DATA_DIR: dataDir };
  if (options.profile) Object.assign(khabarEnv, { BENCH_SQL_PROFILE: '1', BENCH_SQL_PROFILE_OUT: sqlProfileFile, BENCH_CPU_PROFILE: cpuProfileFile });
  // Measure the compiled server, as `npm start` runs it (built before the boot timer starts).
  const tsc = spawnSync(process.execPath, [path.join(benchRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: benchRoot,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) throw new Error('tsc failed: cannot build dist/ for the benchmark');
  const bootStart = performance.now();
  // Profiling loads the SQL profiler, which is TypeScript: only then does the child get the loader.
  // Khabar as `npm start` and `khabar serve --workers N` run it: with the serving heap limits.
  const khabar = await startChild('khabar', 'bench/server.js', 'KHABAR_BENCH_READY', khabarEnv, [...SERVER_HEAP_FLAGS, ...(options.profile ? ['--import', 'tsx'] : [])]);
  const bootMs = performance.now() - bootStart;
  const rss = createRssSampler(khabar.pid);
  const khabarUrl = `http://127.0.0.1:${khabar.port}`;
  console.log(`khabar: pid ${khabar.pid}, ${khabarUrl}, ready in ${fmt(bootMs)} ms`);
  // The same build with the page cache off: every request renders (from the read memo's data).
  const uncached = options.profile ? null : await startChild('uncached', 'bench/server.js', 'KHABAR_BENCH_READY', { ...khabarEnv, KHABAR_PAGE_CACHE: '0' }, [...SERVER_HEAP_FLAGS]);
  const uncachedUrl = uncached ? `http://127.0.0.1:${uncached.port}` : '';
  if (uncached) console.log(`uncached: pid ${uncached.pid}, ${uncachedUrl} (KHABAR_PAGE_CACHE=0)`);

  try {
    const specs = pagesToMeasure(build.marker);
    const pages: CapturedPage[] = [];
    for (const spec of specs) pages.push(await capture(khabarUrl, spec));
    // A tag the probe article carries, and a search for a word of its title.
    const probeHtml = pages.find((p) => p.name === 'article')!.body.toString();
    const tagHref = /href="(\/tag\/[^"]+)"/.exec(probeHtml)?.[1];
    if (tagHref) pages.push(await capture(khabarUrl, { name: 'tag', path: tagHref, note: `tag ${decodeURI(tagHref)}, page 1` }));
    const word = (/<h1[^>]*>([^<]+)</.exec(probeHtml)?.[1] ?? 'المغرب').trim().split(/\s+/).find((w) => w.length >= 4) ?? 'المغرب';
    pages.push(await capture(khabarUrl, { name: 'search', path: `/search?q=${encodeURIComponent(word)}`, note: `search for ${word} (not page-cached: read memo)` }));
    const idle = rss.sample();
    for (const p of pages) console.log(`  ${p.name.padEnd(8)} ${decodeURI(p.path)}  ${fmt(p.body.byteLength)} bytes, ${p.contentType}`);

    if (options.profile) {
      await profile(options, khabar, khabarUrl, pages, { cpuProfileFile, sqlProfileFile });
      return;
    }

    // The raw baseline, answering the same bytes.
    const rawPagesFile = path.join(benchRoot, 'bench', 'out', 'raw-pages.json');
    const rawPages: RawPage[] = pages.map((p) => ({ path: p.path, contentType: p.contentType, body: p.body.toString('base64') }));
    writeFileSync(rawPagesFile, JSON.stringify(rawPages));
    const raw = await startChild('raw', 'bench/rawServer.ts', 'RAW_BENCH_READY', { ...process.env, BENCH_RAW_PAGES: rawPagesFile });
    const rawUrl = `http://127.0.0.1:${raw.port}`;
    try {
      for (const p of pages) {
        const response = await fetch(rawUrl + p.path);
        const body = Buffer.from(await response.arrayBuffer());
        if (!body.equals(p.body) || response.headers.get('content-type') !== p.contentType) throw new Error(`raw server: ${p.name} differs from Khabar's bytes`);
      }
      console.log(`raw: pid ${raw.pid}, ${rawUrl}, serving the same ${pages.length} pages byte for byte`);

      const targets: Target[] = [
        { name: 'raw', baseUrl: rawUrl },
        { name: 'khabar', baseUrl: khabarUrl, pid: khabar.pid },
        ...(uncached ? [{ name: 'uncached', baseUrl: uncachedUrl }] : []),
        ...options.peers,
      ];
      const results: PageResult[] = [];
      for (const page of pages) {
        const byTarget = new Map<string, LoadResult>();
        for (const target of targets) {
          const url = target.baseUrl + page.path;
          const underLoad = target.pid === khabar.pid;
          rss.setUnderLoad(underLoad);
          if (options.warmup > 0) await load(url, { connections: options.connections, duration: options.warmup });
          const r = await load(url, { connections: options.connections, duration: options.duration });
          rss.setUnderLoad(false);
          byTarget.set(target.name, r);
          console.log(
            `  ${page.name.padEnd(8)} ${target.name.padEnd(7)} ${fmt(r.rps).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms` +
              (r.errors + r.non2xx > 0 ? `  errors ${r.errors} non-2xx ${r.non2xx} timeouts ${r.timeouts}` : ''),
          );
        }
        results.push({ page, byTarget });
      }
      // p99 at high concurrency on the cached article, raw and Khabar alternating, median of three.
      const article = pages.find((p) => p.name === 'article')!;
      const p99s = { raw: [] as number[], khabar: [] as number[] };
      for (let round = 0; round < 3; round++) {
        for (const [name, base] of [['raw', rawUrl], ['khabar', khabarUrl]] as const) {
          const r = await load(base + article.path, { connections: options.p99Connections, duration: options.duration });
          p99s[name].push(r.p99);
          console.log(`  p99 round ${round + 1} ${name.padEnd(7)} ${options.p99Connections} connections: ${fmt(r.rps)} req/s, p99 ${r.p99} ms`);
        }
      }
      const p99Raw = median(p99s.raw);
      const p99Khabar = median(p99s.khabar);
      const p99Pass = p99Khabar <= P99_FACTOR * Math.max(1, p99Raw);
      const dbFile = path.join(dataDir, 'khabar.db');
      const herd = await stampede({ dbFile, slug: build.marker.probe.slug, url: khabarUrl + article.path, n: 500 });
      const fresh = await publishToFresh({ dbFile, slug: build.marker.probe.slug, url: khabarUrl + article.path, rounds: 5 });
      const freshMax = Math.max(...fresh);
      const filled = await fillCache(khabarUrl, options.quick ? 1_000 : 5_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const after = rss.sample();
      const cacheLines = [
        `p99 at ${options.p99Connections} connections on the cached article (median of 3 alternating runs): raw ${p99Raw} ms, khabar ${p99Khabar} ms ` +
          `(rounds raw ${p99s.raw.join('/')}, khabar ${p99s.khabar.join('/')}) — floor ≤ ${P99_FACTOR}× raw: ${p99Pass ? 'PASS' : 'FAIL'}`,
        `Stampede: 500 concurrent requests for the article right after its purge: ${herd.renders} render(s), ${herd.answered} answered 200 in ${fmt(herd.ms)} ms — floor 1 render: ${herd.renders === 1 ? 'PASS' : 'FAIL'}`,
        `Publish → fresh (title corrected by another process through the store; page polled every 10 ms): ${fresh.map((t) => fmt(t)).join(', ')} ms, max ${fmt(freshMax)} ms — floor ≤ ${FRESH_LIMIT_MS} ms: ${freshMax <= FRESH_LIMIT_MS ? 'PASS' : 'FAIL'}`,
        `Cache filled with ${fmt(filled)} article pages before the final RSS sample (default pageCache.maxBytes, 64 MB)`,
      ];
      // During the run the harness's own load adds ~2; more than that means something else ran too.
      const loadLine = `Load average (1 min): ${loadBefore.toFixed(2)} before the run${busyNote(loadBefore, m.nproc)}, ${(os.loadavg()[0] ?? 0).toFixed(2)} at the end (the run itself keeps about 2 busy)`;
      rss.stop();

      const { text, failures } = resultTable(results);
      if (!p99Pass) failures.push(`p99 ${p99Khabar} ms > ${P99_FACTOR}× raw ${p99Raw} ms`);
      if (herd.renders !== 1) failures.push(`stampede: ${herd.renders} renders`);
      if (freshMax > FRESH_LIMIT_MS) failures.push(`publish → fresh ${fmt(freshMax)} ms`);
      const peakMb = Math.max(rss.peakMb, after?.hwmMb ?? 0);
      const rssPass = peakMb <= RSS_LIMIT_MB;
      if (!rssPass) failures.push(`RSS peak ${fmt(peakMb)} MB > ${RSS_LIMIT_MB} MB`);
      const rssLine =
        `Khabar RSS: ${fmt(idle?.rssMb ?? NaN)} MB idle after start, peak ${fmt(peakMb)} MB ` +
        `(sampled every 200 ms under load: ${fmt(rss.loadPeakMb)} MB; kernel high-water mark VmHWM: ${after?.hwmMb === null || after === null ? 'n/a' : `${fmt(after.hwmMb)} MB`}), ` +
        `${fmt(after?.rssMb ?? NaN)} MB after the load — limit ${RSS_LIMIT_MB} MB: ${rssPass ? 'pass' : 'FAIL'}`;
      const buildLine = build.reused
        ? `Store: reused ${path.relative(benchRoot, build.file)} (built ${build.marker.builtAt}); text: ${build.marker.textSource}`
        : `Store: built ${path.relative(benchRoot, build.file)} in ${fmt(build.seconds, 1)} s (${fmt(build.rate)} articles/s while inserting); text: ${build.marker.textSource}`;

      console.log('');
      console.log(text);
      console.log('');
      for (const line of cacheLines) console.log(line);
      console.log(rssLine);
      console.log(buildLine);
      console.log(`Khabar start-up (process spawn to listening, tsx included): ${fmt(bootMs)} ms`);
      console.log(`Machine: ${m.nproc} CPUs (${m.cpu}), Node ${m.node}, ${started.toISOString()}; servers and autocannon share the cores`);
      console.log(loadLine);
      console.log('');
      if (failures.length) for (const f of failures) console.log(`FAIL ${f}`);
      else console.log('PASS: every floor of this issue is met');

      if (options.record) {
        record({ options, argv, started, m, text, rssLine: [...cacheLines, rssLine].join('\n\n'), buildLine, loadLine, failures, pages });
        console.log(`\nappended to ${path.relative(process.cwd(), resultsFile)}`);
      } else {
        console.log(`\nnot recorded in bench/RESULTS.md (${options.quick ? '--quick' : '--no-record'})`);
      }
    } finally {
      await stopChild(raw);
    }
  } finally {
    rss.stop();
    await stopChild(khabar);
    if (uncached) await stopChild(uncached);
  }
}

const resultsFile = path.join(benchRoot, 'bench', 'RESULTS.md');

/** Other work on the machine skews every figure; say so next to them. */
function busyNote(load: number, nproc: number): string {
  return load > Math.max(0.5, nproc * 0.25) ? ' — WARNING: the machine was busy before the run; figures are not comparable' : '';
}

function record(input: {
  options: Options;
  argv: string[];
  started: Date;
  m: ReturnType<typeof machine>;
  text: string;
  rssLine: string;
  buildLine: string;
  loadLine: string;
  failures: string[];
  pages: CapturedPage[];
}) {
  const { options, m } = input;
  if (!existsSync(resultsFile)) {
    writeFileSync(
      resultsFile,
      '# Benchmark results\n\nAppended by `npm run bench` (see bench/README.md for what is measured and how to read it). Newest last.\n',
    );
  }
  const section = [
    '',
    `## ${input.started.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${fmt(options.articles)} articles`,
    '',
    `Command: \`${commandLine(input.argv)}\` (${options.connections} connections, pipelining 1, ${options.warmup} s warm-up then ${options.duration} s per page and server, raw first)`,
    '',
    `Machine: ${m.nproc} CPUs (${m.cpu}), ${fmt(m.memGb, 1)} GB RAM, ${m.os}, Node ${m.node}. ` +
      `Khabar, the raw server and autocannon share these ${m.nproc} cores: autocannon takes one of them, so absolute figures are low and the raw server is partly limited by the load generator; compare ratios.`,
    '',
    'Pages:',
    ...input.pages.map((p) => `- ${p.name}: \`${decodeURI(p.path)}\` — ${p.note}, ${fmt(p.body.byteLength)} bytes`),
    '',
    input.text,
    '',
    input.rssLine,
    '',
    input.buildLine,
    '',
    input.loadLine,
    '',
    input.failures.length ? input.failures.map((f) => `**FAIL** ${f}`).join('  \n') : '**PASS**: every floor of this issue is met.',
    '',
  ].join('\n');
  appendFileSync(resultsFile, section);
}

/** `--profile PAGE`: warm-up, then one measured load with the CPU profiler and SQL timings on. */
async function profile(
  options: Options,
  khabar: Child,
  khabarUrl: string,
  pages: CapturedPage[],
  files: { cpuProfileFile: string; sqlProfileFile: string },
) {
  const page = pages.find((p) => p.name === options.profile);
  if (!page) throw new Error(`--profile: unknown page ${options.profile} (known: ${pages.map((p) => p.name).join(', ')})`);
  const url = khabarUrl + page.path;
  console.log(`profile: ${page.name}, warm-up ${options.warmup} s, then ${options.duration} s profiled`);
  if (options.warmup > 0) await load(url, { connections: options.connections, duration: options.warmup });
  khabar.process.kill('SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const r = await load(url, { connections: options.connections, duration: options.duration });
  console.log(`  ${page.name}: ${fmt(r.rps)} req/s under the profiler (p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.requests} requests)`);
  await stopChild(khabar);
  const responsesFile = `${files.cpuProfileFile}.responses`;
  const responses = existsSync(responsesFile) ? Number(readFileSync(responsesFile, 'utf8')) : r.requests;
  console.log(`  the server sent ${responses} responses while profiled (autocannon counted ${r.requests}; the rest it had given up on)`);
  if (existsSync(files.cpuProfileFile)) {
    const summary = summarizeCpuProfile(files.cpuProfileFile);
    console.log('');
    console.log(formatProfileSummary(summary));
    console.log(`\nCPU: ${((summary.totalMs - summary.idleMs) / Math.max(1, responses)).toFixed(1)} ms busy per response (profiler overhead included)`);
    console.log(`CPU profile: ${path.relative(process.cwd(), files.cpuProfileFile)} (open in Chrome DevTools or speedscope)`);
  }
  if (existsSync(files.sqlProfileFile)) {
    const sql = JSON.parse(readFileSync(files.sqlProfileFile, 'utf8')) as { statements: Array<{ calls: number; totalMs: number }> };
    const perRequest = sql.statements.reduce((s, x) => s + x.calls, 0) / Math.max(1, responses);
    const msPerRequest = sql.statements.reduce((s, x) => s + x.totalMs, 0) / Math.max(1, responses);
    console.log(`SQL: ${perRequest.toFixed(1)} statements and ${msPerRequest.toFixed(1)} ms in SQLite per response; details: ${path.relative(process.cwd(), files.sqlProfileFile)}`);
  }
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('ERR_PARSE_ARGS') || (error instanceof Error && error.message.startsWith('--'))) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  killChildrenNow();
  process.exitCode = 1;
});
