/**
 * `npm run bench:search`: search at news-site scale (issue #6).
 *
 * 1. Store: a SQLite store of N articles (default 100,000) built by bench/buildStore.ts from the
 *    ANT + MArSum corpora (~12,100 texts, each used about 8 times at 100k: shuffled, cycled, with
 *    different sections, tags, authors and dates per copy, repeated titles get slug suffixes);
 *    articles are indexed as they are written. Kept in bench/out/search-<N>-seed-<S>/.
 * 2. Indexing: `store.reindex()` (what `khabar reindex` runs) on that store: articles/s.
 * 3. In-process search on SQLite: a mixed list of reader queries (one to three words, with and
 *    without ال, hamza/taa marbuta variants, clitics, phrases, exclusions, Latin names, filters,
 *    page 2, no-result queries), timed as (a) the index query alone (store.search.query with the
 *    plan made beforehand) and (b) the whole operation (searchArticles: planning against the
 *    vocabulary, query, fallback, cards, snippets, did-you-mean). First round (cold vocabulary
 *    cache) reported apart; p50/p99 over the warm rounds.
 * 4. PostgreSQL (when it answers at BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/bench_search,
 *    a database this script creates): the same articles copied from SQLite (ids kept), reindexed
 *    (articles/s), and the same in-process timings.
 * 5. HTTP: Khabar over the compiled dist/ in its own process (bench/server.js) on the SQLite store,
 *    autocannon cycling through the query list on /search?q=, with the per-version memo (default)
 *    and without it (KHABAR_READ_MEMO=0); then the same on PostgreSQL.
 *
 * Appends the figures and the command to bench/RESULTS.md (unless --no-record or --quick).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'kysely';
import { createAnalyzer } from '../src/search/analyzer.js';
import { createVocabularyCache } from '../src/search/createVocabularyCache.js';
import { planQueryWithVocabulary } from '../src/search/planQueryWithVocabulary.js';
import { searchArticles, type SearchDeps } from '../src/search/searchArticles.js';
import { createPostgresStore } from '../src/store/postgres/createPostgresStore.js';
import type { Store } from '../src/store/ports.js';
import { createSqliteStore } from '../src/store/sqlite/createSqliteStore.js';
import { benchRoot, buildBenchStore } from './buildStore.js';
import { QUERIES } from './searchQueries.js';

const USAGE = `usage: npm run bench:search -- [options]
  --articles N      articles (default 100000)
  --seed N          generator seed (default 1)
  --rounds N        passes over the query list in-process (default 6; the first is reported as cold)
  --duration S      seconds of HTTP load per run (default 10)
  --connections C   autocannon connections (default 50)
  --no-pg           skip PostgreSQL
  --no-http         skip the HTTP runs
  --quick           5000 articles, 3 rounds, 3 s of load; not recorded
  --no-record       do not append to bench/RESULTS.md`;

const { values } = parseArgs({
  options: {
    articles: { type: 'string' },
    seed: { type: 'string' },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    'no-pg': { type: 'boolean', default: false },
    'no-http': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    'no-record': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const quick = values.quick ?? false;
const int = (v: string | undefined, d: number) => (v === undefined ? d : Math.max(1, Math.floor(Number(v)) || d));
const options = {
  articles: int(values.articles, quick ? 5_000 : 100_000),
  seed: int(values.seed, 1),
  rounds: int(values.rounds, quick ? 3 : 6),
  duration: int(values.duration, quick ? 3 : 10),
  connections: int(values.connections, 50),
  pg: !values['no-pg'],
  http: !values['no-http'],
  record: !quick && !values['no-record'],
};
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/bench_search';
const NOW = () => new Date();


// ---------------------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Timing {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  samples: number;
}

function timing(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN, mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), samples: s.length };
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');

interface InProcess {
  store: string;
  articles: number;
  indexSeconds: number;
  indexRate: number;
  cold: Timing;
  query: Timing;
  operation: Timing;
  totals: Array<{ q: string; total: number; mode: string }>;
}

async function measureInProcess(name: string, store: Store, afterReindex?: () => Promise<void>, reindex = true): Promise<InProcess> {
  const articles = await store.articles.countPublished({});
  let indexed = NaN;
  let indexSeconds = NaN;
  if (reindex) {
    console.log(`${name}: reindexing ${articles.toLocaleString('en')} published articles…`);
    const started = performance.now();
    indexed = (await store.reindex({ batchSize: 1000 })).indexed;
    indexSeconds = (performance.now() - started) / 1000;
    console.log(`${name}: indexed ${indexed.toLocaleString('en')} in ${indexSeconds.toFixed(1)} s (${Math.round(indexed / indexSeconds)} articles/s)`);
  }
  await afterReindex?.();
  const analyzer = createAnalyzer();
  const deps: SearchDeps = {
    store,
    analyzer,
    vocabulary: createVocabularyCache({ search: store.search, contentVersion: () => store.contentVersion() }),
    settings: { recencyWeight: 0.3, recencyHalfLifeDays: 30, perPage: 10 },
    now: NOW,
  };
  const cold: number[] = [];
  const operation: number[] = [];
  const totals: InProcess['totals'] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const item of QUERIES) {
      const t = performance.now();
      const outcome = await searchArticles(deps, { query: item.q, ...(item.page ? { page: item.page } : {}), ...(item.section ? { section: item.section } : {}) });
      const elapsed = performance.now() - t;
      (round === 0 ? cold : operation).push(elapsed);
      if (round === 0) totals.push({ q: item.q, total: outcome.total, mode: outcome.status === 'results' ? outcome.mode : outcome.status });
    }
  }
  // The index query alone, with plans made beforehand (no planning, cards or snippets).
  const vocabulary = createVocabularyCache({ search: store.search, contentVersion: () => store.contentVersion() });
  const plans = await Promise.all(QUERIES.map((item) => planQueryWithVocabulary(analyzer, item.q, vocabulary)));
  const query: number[] = [];
  const ranking = { recencyWeight: 0.3, halfLifeDays: 30, now: NOW() };
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, plan] of plans.entries()) {
      if (plan.groups.length === 0 && plan.phrases.length === 0) continue;
      const page = QUERIES[i]!.page ?? 1;
      const t = performance.now();
      await store.search.query({ groups: plan.groups, phrases: plan.phrases, exclude: plan.exclude, mode: 'all' }, {}, { limit: 10, offset: (page - 1) * 10 }, ranking);
      if (round > 0) query.push(performance.now() - t);
    }
  }
  return { store: name, articles, indexSeconds, indexRate: indexed / indexSeconds, cold: timing(cold), query: timing(query), operation: timing(operation), totals };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL copy

async function ensurePgDatabase(): Promise<boolean> {
  const url = new URL(pgUrl);
  const database = url.pathname.slice(1);
  const admin = new URL(pgUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return false;
  }
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '')}"`);
    return true;
  } finally {
    await client.end();
  }
}

/** Copies the SQLite bench store's content into PostgreSQL (ids kept), unless it is there already. */
async function copyToPostgres(source: Store, target: Store, sqliteFile: string): Promise<void> {
  const want = await source.articles.count();
  if ((await target.articles.count()) === want) {
    console.log(`postgres: reusing ${want.toLocaleString('en')} articles at ${pgUrl}`);
    return;
  }
  console.log(`postgres: copying ${want.toLocaleString('en')} articles from ${path.relative(process.cwd(), sqliteFile)}…`);
  const started = performance.now();
  const { default: Database } = await import('better-sqlite3');
  const src = new Database(sqliteFile, { readonly: true });
  const { Kysely, PostgresDialect } = await import('kysely');
  const pool = new pg.Pool({ connectionString: pgUrl, max: 2 });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`truncate article_authors, article_tags, article_sections, article_daily_views, article_revisions, search_documents, search_vocabulary, articles, authors, tags, sections restart identity cascade`.execute(db);
    for (const table of ['sections', 'tags', 'authors', 'articles', 'article_sections', 'article_tags', 'article_authors']) {
      const rows = src.prepare(`select * from ${table} order by rowid`).iterate() as Iterable<Record<string, unknown>>;
      let batch: Array<Record<string, unknown>> = [];
      const flush = async () => {
        if (batch.length > 0) await db.insertInto(table).values(batch).execute();
        batch = [];
      };
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= 500) await flush();
      }
      await flush();
      if (['sections', 'tags', 'authors', 'articles'].includes(table)) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select coalesce(max(id), 1) from ${sql.table(table)}))`.execute(db);
      }
    }
    await sql`analyze`.execute(db);
  } finally {
    src.close();
    await db.destroy();
  }
  console.log(`postgres: copied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function vacuumPostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query('vacuum analyze search_documents');
    await client.query('vacuum analyze search_vocabulary');
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function startServer(env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; port: number }> {
  const proc = spawn(process.execPath, ['bench/server.js'], { cwd: benchRoot, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  createInterface({ input: proc.stderr! }).on('line', (line) => process.stderr.write(`[khabar] ${line}\n`));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 600 s')), 600_000);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.startsWith('KHABAR_BENCH_READY ')) {
        clearTimeout(timer);
        resolve({ proc, port: (JSON.parse(line.slice('KHABAR_BENCH_READY '.length)) as { port: number }).port });
      }
    });
    proc.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

async function stopServer(proc: ChildProcess) {
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  await exited;
}

function searchPath(item: { q: string; section?: string; page?: number }): string {
  let p = `/search?q=${encodeURIComponent(item.q)}`;
  if (item.section) p += `&section=${encodeURIComponent(item.section)}`;
  if (item.page) p += `&page=${item.page}`;
  return p;
}

interface HttpResult {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function loadSearch(label: string, env: NodeJS.ProcessEnv): Promise<HttpResult> {
  const { proc, port } = await startServer(env);
  try {
    const base = `http://127.0.0.1:${port}`;
    // Warm-up: every query once (start-up, JIT, vocabulary cache).
    for (const item of QUERIES) await fetch(base + searchPath(item)).then((r) => r.arrayBuffer());
    const requests = QUERIES.map((item) => ({ method: 'GET' as const, path: searchPath(item) }));
    const r = await autocannon({ url: base, connections: options.connections, duration: options.duration, pipelining: 1, requests });
    const result = { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
    console.log(`${label}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`);
    return result;
  } finally {
    await stopServer(proc);
  }
}

// ---------------------------------------------------------------------------------------------

const load1 = os.loadavg()[0]!;
const startedAt = new Date();
const dir = path.join(benchRoot, 'bench', 'out', `search-${options.articles}-seed-${options.seed}`);
mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'khabar.db');
const built = await buildBenchStore({ file, articles: options.articles, seed: options.seed });
if (!built.reused) console.log(`store: built ${options.articles.toLocaleString('en')} articles in ${built.seconds.toFixed(1)} s (${Math.round(built.rate)} articles/s, indexing included)`);

const results: InProcess[] = [];
const sqlite = createSqliteStore({ file });
await sqlite.migrate();
try {
  results.push(await measureInProcess('sqlite', sqlite));
  // The same searches without the candidates kept per index version (decision 031): what each
  // search costs when its query was not seen since the last index write.
  const uncached = createSqliteStore({ file, searchCandidateCache: 0 });
  try {
    results.push(await measureInProcess('sqlite, no candidate cache', uncached, undefined, false));
  } finally {
    await uncached.close();
  }
  if (options.pg && (await ensurePgDatabase())) {
    const pgStore = await createPostgresStore({ connectionString: pgUrl, poolSize: 4 });
    try {
      await pgStore.migrate();
      await copyToPostgres(sqlite, pgStore, file);
      // The rebuild replaced every row in one transaction; autovacuum would reclaim the old ones
      // (and their GIN entries) shortly after: done at once here so the timings do not depend on when.
      results.push(await measureInProcess('postgres', pgStore, vacuumPostgres));
    } finally {
      await pgStore.close();
    }
  } else if (options.pg) {
    console.log(`postgres: not reachable at ${pgUrl}; skipped`);
  }
} finally {
  await sqlite.close();
}

const http: HttpResult[] = [];
if (options.http) {
  console.log('building dist/ for the server…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: benchRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  http.push(await loadSearch('http sqlite (memo on)', { KHABAR_DATA_DIR: dir }));
  http.push(await loadSearch('http sqlite (memo off)', { KHABAR_DATA_DIR: dir, KHABAR_READ_MEMO: '0' }));
  if (results.some((r) => r.store === 'postgres')) {
    http.push(await loadSearch('http postgres (memo on)', { KHABAR_DATA_DIR: dir, DATABASE_URL: pgUrl }));
    http.push(await loadSearch('http postgres (memo off)', { KHABAR_DATA_DIR: dir, DATABASE_URL: pgUrl, KHABAR_READ_MEMO: '0' }));
  }
}
const load2 = os.loadavg()[0]!;

// ---------------------------------------------------------------------------------------------
// Report

const FLOORS = { p50: 5, p99: 30, rps: 1000, indexRate: 2000 };
const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');
const lines: string[] = [];
lines.push(`## ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC — search, ${options.articles.toLocaleString('en')} articles`);
lines.push('');
lines.push(`Command: \`npm run bench:search${process.argv.slice(2).length ? ' -- ' + process.argv.slice(2).join(' ') : ''}\` (${options.rounds} rounds of ${QUERIES.length} queries in-process, the first reported as cold; HTTP: ${options.connections} connections, ${options.duration} s, cycling through the same queries on /search?q=)`);
lines.push('');
lines.push(`Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}. Load average (1 min) ${load1.toFixed(2)} before, ${load2.toFixed(2)} after. ${load1 < os.cpus().length ? 'Quiet machine (nothing else ran).' : '**Other work was running on these cores during the run** (shared machine): figures are lower bounds.'}`);
lines.push('');
lines.push(`Store: ${built.reused ? 'reused' : 'built'} ${path.relative(benchRoot, file)} — ${built.marker.textSource}; the ~12,100 corpus texts are shuffled and cycled to reach ${options.articles.toLocaleString('en')} (each text ~${Math.round(options.articles / 12_100)} times, with its own sections, tags, authors and date; repeated titles get slug suffixes).`);
lines.push('');
lines.push('PostgreSQL: `vacuum analyze` of the two search tables after its reindex (what autovacuum does soon after a rebuild).');
lines.push('');
lines.push('The floors are read on the `sqlite` row (the store as Khabar opens it); `sqlite, no candidate cache` is the same store with `searchCandidateCache: 0` (decision 031): every warm search then pays its index query.');
lines.push('');
lines.push('| store | indexing (reindex) | query p50 / p99 ms | operation p50 / p99 ms (warm) | cold first round p50 / p99 ms | floors |');
lines.push('|---|---|---|---|---|---|');
for (const r of results) {
  const floors =
    r.store === 'sqlite'
      ? `index ≥ 2,000/s: ${verdict(r.indexRate >= FLOORS.indexRate)}; p50 ≤ 5: ${verdict(r.operation.p50 <= FLOORS.p50)}; p99 ≤ 30: ${verdict(r.operation.p99 <= FLOORS.p99)}`
      : 'reported';
  const indexing = Number.isFinite(r.indexRate) ? `${Math.round(r.indexRate).toLocaleString('en')} articles/s (${r.articles.toLocaleString('en')} in ${r.indexSeconds.toFixed(1)} s)` : '—';
  lines.push(`| ${r.store} | ${indexing} | ${ms(r.query.p50)} / ${ms(r.query.p99)} | ${ms(r.operation.p50)} / ${ms(r.operation.p99)} | ${ms(r.cold.p50)} / ${ms(r.cold.p99)} | ${floors} |`);
}
lines.push('');
if (http.length > 0) {
  lines.push('| HTTP /search?q= | req/s | p50 / p99 ms | non-2xx / errors | floor ≥ 1,000 req/s |');
  lines.push('|---|---|---|---|---|');
  for (const h of http) lines.push(`| ${h.label} | ${Math.round(h.rps).toLocaleString('en')} | ${h.p50} / ${h.p99} | ${h.non2xx} / ${h.errors} | ${h.label.includes('sqlite (memo on)') ? verdict(h.rps >= FLOORS.rps) : 'reported'} |`);
  lines.push('');
}
const first = results[0];
if (first) {
  lines.push(`Queries (results on ${first.store}): ${first.totals.map((t) => `${t.q} ${t.total}${t.mode === 'any' ? ' (any)' : t.mode === 'none' ? ' (none)' : ''}`).join(' · ')}`);
  lines.push('');
}
const report = lines.join('\n');
console.log('\n' + report);
if (options.record) {
  appendFileSync(path.join(benchRoot, 'bench', 'RESULTS.md'), '\n' + report + '\n');
  console.log('appended to bench/RESULTS.md');
}
process.exit(0);
