/**
 * `npm run bench:import`: how fast `khabar import wordpress` takes a big Arabic WordPress export,
 * and how much memory it needs (issue #7). Generates (or reuses) bench/out/wxr-<N>-seed-<S>.xml
 * (bench/wxrGenerate.ts: 100,000 posts, about 570 MB), builds dist/, then runs the compiled CLI
 * (`node bin/khabar.js import wordpress <file> --report …`) as a child process into a fresh SQLite
 * data folder and, when it answers, a fresh PostgreSQL database. Measured per store: wall time
 * from spawn to exit (start-up and migrations included), posts per second over every post of the
 * file, and the child's peak RSS (the kernel's high-water mark, VmHWM in /proc/<pid>/status,
 * read every 100 ms while it runs). The report's article counts and the store's are checked
 * against the file, so a fast run that imported less fails. Floors (SQLite): ≥ 2,000 posts/s,
 * peak RSS ≤ 300 MB; PostgreSQL is reported. Also printed: the child's CPU time (user + system, from
 * /proc/<pid>/stat), less load-sensitive than the wall time, and the load average. A full run
 * (default size) appends to RESULTS.md.
 *
 * Options: --posts N (100000; other sizes are not recorded), --seed S (1), --no-pg, --no-build,
 * --no-record, --profile (the SQLite run writes a V8 CPU profile to bench/out/profiles/ and times
 * every SQLite statement; both summaries are printed; the run is then slower and not recorded).
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPostgresStore } from '../src/store/postgres/createPostgresStore.js';
import { createSqliteStore } from '../src/store/sqlite/createSqliteStore.js';
import type { Store } from '../src/store/ports.js';
import { benchRoot } from './buildStore.js';
import { formatProfileSummary, summarizeCpuProfile } from './cpuProfile.js';
import { benchOut, generateBenchWxr, numberOption } from './wxrGenerate.js';

const FULL_POSTS = 100_000;
const FLOOR_POSTS_PER_S = 2000;
const FLOOR_RSS_MB = 300;
const pgBase = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const flag = (name: string) => process.argv.includes(name);

interface Counts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

interface Run {
  store: 'sqlite' | 'postgres';
  seconds: number;
  postsPerSecond: number;
  /** CPU time of the import process (user + system, sampled every 100 ms): less load-sensitive than the wall time. */
  cpuSeconds: number;
  /** 1-minute load average at the start and at the end of the run. */
  load: [number, number];
  peakRssMb: number;
  exitCode: number | null;
  articlesInReport: Counts | null;
  articlesInStore: number;
  commentsInStore: number;
  problem: string | null;
  profile: string | null;
}

/** The process's user + system CPU time so far (utime + stime in /proc/<pid>/stat, in clock ticks of 1/100 s). */
function readCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // the process has just exited
  }
}

function readKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // the process has just exited
  }
}

async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgBase, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function recreatePgDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: pgBase });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(pgBase);
  url.pathname = `/${name}`;
  return url.toString();
}

async function importOnce(kind: 'sqlite' | 'postgres', file: string, posts: number, profile: boolean): Promise<Run> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `khabar-bench-import-${kind}-`));
  const databaseUrl = kind === 'postgres' ? await recreatePgDatabase('khabar_bench_import') : null;
  const reportFile = path.join(dataDir, 'report.json');
  // One folder per run: Node names each thread's profile CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile (the main thread is 0).
  const profileDir = path.join(benchOut, 'profiles', `import-${kind}-${Date.now()}`);
  // --profile: a V8 CPU profile, and every SQLite statement timed (bench/importSqlProfile.ts).
  const nodeArgs = profile
    ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--import', 'tsx', '--import', './bench/importSqlProfile.mjs']
    : [];
  if (profile) mkdirSync(profileDir, { recursive: true });
  const env = {
    ...process.env,
    KHABAR_DATA_DIR: dataDir,
    KHABAR_LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(profile ? { BENCH_IMPORT_POSTS: String(posts) } : {}),
  };
  if (!databaseUrl) delete env.DATABASE_URL;

  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, 'bin/khabar.js', 'import', 'wordpress', file, '--report', reportFile], {
    cwd: benchRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let sqlProfile = '';
  const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', (d: Buffer) => {
    keep(d);
    if (profile) sqlProfile += d.toString();
  });
  let peakKb = 0;
  let cpuSeconds = 0;
  const loadAtStart = os.loadavg()[0]!;
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, readKb(child.pid!, 'VmHWM'));
    cpuSeconds = Math.max(cpuSeconds, readCpuSeconds(child.pid!));
  }, 100);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;

  let report: { counts?: Record<string, Counts> } | null = null;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as { counts?: Record<string, Counts> };
  } catch {
    report = null;
  }
  let store: Store | null = null;
  let articlesInStore = 0;
  let commentsInStore = 0;
  try {
    store = databaseUrl ? await createPostgresStore({ connectionString: databaseUrl, poolSize: 2 }) : createSqliteStore({ file: path.join(dataDir, 'khabar.db') });
    articlesInStore = await store.articles.count();
    commentsInStore = await store.comments.count({});
  } catch {
    // the run failed before creating the schema: reported below
  } finally {
    await store?.close().catch(() => {});
  }
  const articles = report?.counts?.articles ?? null;
  const problem =
    exitCode !== 0
      ? `exit code ${exitCode}: ${tail.trim().split('\n').slice(-3).join(' | ')}`
      : articlesInStore !== posts
        ? `the store holds ${articlesInStore} articles, the file ${posts} posts`
        : !articles
          ? 'no article counts in the report'
          : null;
  rmSync(dataDir, { recursive: true, force: true });
  let profileText: string | null = null;
  if (profile && existsSync(profileDir)) {
    const threads = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    const threadOf = (f: string) => Number(f.split('.').at(-3));
    const summaries = threads
      .sort((a, b) => threadOf(a) - threadOf(b))
      .map((f) => `${threadOf(f) === 0 ? 'main thread' : `worker thread ${threadOf(f)}`} (${path.join(profileDir, f)}):\n${formatProfileSummary(summarizeCpuProfile(path.join(profileDir, f)))}`);
    if (summaries.length > 0) profileText = summaries.join('\n\n');
    const at = sqlProfile.indexOf('SQL profile:');
    if (at !== -1) profileText = `${profileText ?? ''}\n${sqlProfile.slice(at).replace(/responses/g, 'posts').replace(/per response/g, 'per post')}`;
  }
  return {
    store: kind,
    seconds,
    postsPerSecond: posts / seconds,
    cpuSeconds,
    load: [loadAtStart, os.loadavg()[0]!],
    peakRssMb: peakKb / 1024,
    exitCode,
    articlesInReport: articles,
    articlesInStore,
    commentsInStore,
    problem,
    profile: profileText,
  };
}

function verdict(run: Run): string {
  if (run.problem) return 'FAIL (incomplete)';
  if (run.store !== 'sqlite') return '—';
  const fails = [run.postsPerSecond < FLOOR_POSTS_PER_S ? 'posts/s' : null, run.peakRssMb > FLOOR_RSS_MB ? 'RSS' : null].filter(Boolean);
  return fails.length ? `FAIL (${fails.join(', ')})` : 'PASS';
}

async function main() {
  if (flag('--help')) {
    console.log('usage: npm run bench:import -- [--posts N (100000)] [--seed S (1)] [--no-pg] [--no-build] [--no-record] [--profile]');
    return;
  }
  const posts = numberOption('--posts', FULL_POSTS);
  const seed = numberOption('--seed', 1);
  const record = posts === FULL_POSTS && seed === 1 && !flag('--no-record') && !flag('--profile');
  if (!flag('--no-build')) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: benchRoot, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const generated = await generateBenchWxr({ posts, seed, log: console.log });
  const s = generated.summary;
  console.log(
    `export: ${path.relative(benchRoot, generated.file)} — ${(generated.bytes / 1e6).toFixed(0)} MB, ${s.posts} posts, ${s.attachments} attachments, ` +
      `${s.comments.total} comments, ${s.categories.length} categories, ${s.tags.length} tags, ${s.authors.length} authors ` +
      (generated.reused ? '(reused)' : `(written in ${generated.seconds.toFixed(0)} s)`),
  );

  const runs: Run[] = [];
  // Each store's figures are printed as soon as its run ends (a PostgreSQL run may take long).
  const done = (r: Run) => {
    runs.push(r);
    console.log(`  ${r.store}: ${r.seconds.toFixed(1)} s, ${r.postsPerSecond.toFixed(0)} posts/s, peak RSS ${r.peakRssMb.toFixed(0)} MB, CPU ${r.cpuSeconds.toFixed(1)} s (${((r.cpuSeconds / s.posts) * 1000).toFixed(2)} ms/post), load ${r.load.map((l) => l.toFixed(1)).join(' → ')}, ${r.articlesInStore} articles in the store — ${verdict(r)}`);
  };
  console.log('importing into SQLite …');
  done(await importOnce('sqlite', generated.file, s.posts, flag('--profile')));
  if (!flag('--no-pg') && (await pgReachable())) {
    console.log('importing into PostgreSQL …');
    done(await importOnce('postgres', generated.file, s.posts, false));
  } else if (!flag('--no-pg')) {
    console.log(`PostgreSQL does not answer at ${pgBase}: skipped`);
  }

  const header = '| store | posts | time | posts/s | floor | CPU per post | load | peak RSS | floor | articles created/updated/failed (report) | in store | comments in store | result |';
  const rows = runs.map((r) => {
    const a = r.articlesInReport;
    return `| ${r.store} | ${s.posts} | ${r.seconds.toFixed(1)} s | ${r.postsPerSecond.toFixed(0)} | ${r.store === 'sqlite' ? `≥ ${FLOOR_POSTS_PER_S}` : '—'} | ${((r.cpuSeconds / s.posts) * 1000).toFixed(2)} ms | ${r.load.map((l) => l.toFixed(1)).join(' → ')} | ${r.peakRssMb.toFixed(0)} MB | ${r.store === 'sqlite' ? `≤ ${FLOOR_RSS_MB} MB` : '—'} | ${a ? `${a.created}/${a.updated}/${a.failed}` : '—'} | ${r.articlesInStore} | ${r.commentsInStore} | ${verdict(r)} |`;
  });
  const table = [header, '|---|---|---|---|---|---|---|---|---|---|---|---|---|', ...rows].join('\n');
  const machine = `Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), load average ${os.loadavg()[0]!.toFixed(1)} at the end`;
  console.log(`\n${table}\n\n${machine}`);
  for (const r of runs) {
    if (r.problem) console.log(`${r.store}: ${r.problem}`);
    if (r.profile) console.log(`\nCPU profile of the ${r.store} import:\n${r.profile}`);
  }
  if (record) {
    appendFileSync(
      path.join(benchRoot, 'bench', 'RESULTS.md'),
      `\n## WordPress import, ${s.posts} posts (issue #7) — ${new Date().toISOString()}\n\n` +
        `Command: \`npm run bench:import\` (export ${(generated.bytes / 1e6).toFixed(0)} MB, seed ${seed}; the compiled CLI in a child process; ${machine})\n\n${table}\n` +
        runs
          .filter((r) => r.problem)
          .map((r) => `\n${r.store}: ${r.problem}\n`)
          .join(''),
    );
    console.log('\nappended to bench/RESULTS.md');
  }
}

await main();
