/**
 * `npm run bench:admin`: the admin API figures of issue #4 on SQLite, in-process (`app.inject`, one
 * request at a time, so the figures are latencies of the whole API path: session lookup, access
 * checks, queries, JSON).
 *   1. Listing 50 articles from a 50,000-article store: the default list (every state, newest change
 *      first, with the total), a state + section filter, and a title search; p95 against 20 ms.
 *   2. Saving an article: PATCH with the version read (versioned update, revision snapshot,
 *      content version, redirect check) on published articles, and autosaves of a draft; p95
 *      against 30 ms.
 * The 50k store of `npm run bench` (bench/buildStore.ts) is built or reused, then COPIED to a temp
 * folder, so these writes never touch it. Appends the figures to bench/RESULTS.md (--no-record: not).
 */
import { copyFileSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { loadConfig } from '../src/config/loadConfig.js';
import { systemActor } from '../src/domain/access.js';
import { buildKhabar } from '../src/main.js';
import { createUser } from '../src/operations/accounts/createUser.js';
import { createArgon2PasswordHasher } from '../src/operations/accounts/passwordHasher.js';
import { createSqliteStore } from '../src/store/sqlite/createSqliteStore.js';
import { benchRoot, buildBenchStore } from './buildStore.js';

const record = !process.argv.includes('--no-record');
const ARTICLES = Number(process.argv.find((a) => a.startsWith('--articles='))?.split('=')[1] ?? 50_000);
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 300);
const ORIGIN = 'https://khabar.example';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

interface Figure {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  /** p95 floor in ms; null: informational. */
  floor: number | null;
}

async function main() {
  const source = path.join(benchRoot, 'bench', 'out', `articles-${ARTICLES}-seed-1`, 'khabar.db');
  await buildBenchStore({ file: source, articles: ARTICLES, seed: 1 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-bench-admin-'));
  const file = path.join(dir, 'khabar.db');
  copyFileSync(source, file);
  const store = createSqliteStore({ file });
  const config = loadConfig({ env: {}, overrides: { env: 'production', dataDir: dir, baseUrl: ORIGIN, logLevel: 'warn' } });
  const khabar = await buildKhabar({ config, store, logger: pino({ level: 'warn' }), demo: false });
  try {
    const load = os.loadavg()[0]!;
    const password = 'كلمة-سر-طويلة-للقياس';
    await createUser({ store, passwords: createArgon2PasswordHasher() }, systemActor('bench'), { email: 'editor@bench.example', displayName: 'محررة', role: 'editor', password });
    const login = await khabar.app.inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN }, payload: { email: 'editor@bench.example', password } });
    const headers = { origin: ORIGIN, cookie: `khabar_session=${login.cookies.find((c) => c.name === 'khabar_session')!.value}`, 'x-csrf-token': login.json().csrfToken as string };
    // An author whose profile bylines 1 in 40 articles: their list is "own only".
    const profile = (await store.authors.findByIds([1]))[0]!;
    const author = await createUser({ store, passwords: createArgon2PasswordHasher() }, systemActor('bench'), { email: 'author@bench.example', displayName: 'كاتب', role: 'author', password });
    // No repository method links a profile to a user yet (the users screen will): one UPDATE here.
    const raw = new Database(file);
    raw.prepare('update authors set user_id = ? where id = ?').run(author.id, profile.id);
    const bylined = (raw.prepare('select count(*) as n from article_authors where author_id = ?').get(profile.id) as { n: number }).n;
    raw.close();
    const authorLogin = await khabar.app.inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN }, payload: { email: 'author@bench.example', password } });
    const authorHeaders = { origin: ORIGIN, cookie: `khabar_session=${authorLogin.cookies.find((c) => c.name === 'khabar_session')!.value}`, 'x-csrf-token': authorLogin.json().csrfToken as string };
    const sections = await store.sections.list();
    const section = sections[0]!;

    async function time(name: string, floor: number | null, request: (i: number) => Promise<{ statusCode: number; body: string }>): Promise<Figure> {
      for (let i = 0; i < 30; i++) await request(i);
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const res = await request(i + 30);
        ms.push(performance.now() - t);
        if (res.statusCode >= 300) throw new Error(`${name}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      ms.sort((a, b) => a - b);
      const figure = { name, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), p99: quantile(ms, 0.99), floor };
      console.log(`${name}: p50 ${figure.p50.toFixed(1)} ms, p95 ${figure.p95.toFixed(1)} ms, p99 ${figure.p99.toFixed(1)} ms ${floor === null ? '' : ` (floor p95 ≤ ${floor} ms)`}`);
      return figure;
    }
    const get = (url: string) => khabar.app.inject({ method: 'GET', url, headers });

    const figures: Figure[] = [];
    figures.push(await time('list 50, every state, newest change first (+ total)', 20, () => get('/admin/api/articles?perPage=50')));
    figures.push(await time('list 50, page 200 (offset 9,950)', 20, () => get('/admin/api/articles?perPage=50&page=200')));
    figures.push(await time(`list 50, an author's own articles (${bylined.toLocaleString('en')} bylined)`, 20, () => khabar.app.inject({ method: 'GET', url: '/admin/api/articles?perPage=50', headers: authorHeaders })));
    figures.push(await time(`list 50, published in section ${section.slug}`, 20, () => get(`/admin/api/articles?perPage=50&status=published&section=${section.id}`)));
    figures.push(await time('list 50, title contains "الحكومة" (LIKE until the search index serves it)', null, () => get(`/admin/api/articles?perPage=50&q=${encodeURIComponent('الحكومة')}`)));

    // Saving: rotate over recent published articles (each save reads then writes its version).
    const targets = (await store.articles.listPublished({}, { limit: 50, offset: 0 })).map((c) => c.id);
    const versions = new Map<number, number>();
    for (const id of targets) versions.set(id, (await store.articles.findById(id))!.version);
    figures.push(
      await time('save a published article (PATCH with version)', 30, async (i) => {
        const id = targets[i % targets.length]!;
        const res = await khabar.app.inject({
          method: 'PATCH',
          url: `/admin/api/articles/${id}`,
          headers,
          payload: { version: versions.get(id), lede: `مقدمة معدلة رقم ${i}`, body: `<p>فقرة أولى من النص رقم ${i}.</p><p>قال Macron إن القمة نجحت في 2026.</p>` },
        });
        if (res.statusCode === 200) versions.set(id, res.json().article.version as number);
        return res;
      }),
    );
    const draft = (await khabar.app.inject({ method: 'POST', url: '/admin/api/articles', headers, payload: { title: 'مسودة القياس', body: '<p>نص</p>' } })).json().article;
    let draftVersion = draft.version as number;
    figures.push(
      await time('autosave a draft (PATCH autosave: true)', 30, async (i) => {
        const res = await khabar.app.inject({ method: 'PATCH', url: `/admin/api/articles/${draft.id}`, headers, payload: { version: draftVersion, autosave: true, body: `<p>مسودة ${i}</p>` } });
        if (res.statusCode === 200) draftVersion = res.json().article.version as number;
        return res;
      }),
    );
    const loadAfter = os.loadavg()[0]!;
    const pass = figures.every((f) => f.floor === null || f.p95 <= f.floor);
    const lines = [
      '',
      `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — admin API (issue #4), ${ARTICLES.toLocaleString('en')} articles`,
      '',
      `Command: \`npm run bench:admin\` (SQLite copy of the \`npm run bench\` store, in-process \`app.inject\`, one request at a time, 30 warm-up then ${RUNS} timed requests per line, signed in as an editor)`,
      '',
      `Machine: ${os.cpus().length} CPUs, Node ${process.version}. ${load < os.cpus().length ? 'Quiet' : 'SHARED: other work was running on these cores'}: load average (1 min) ${load.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`,
      '',
      '| request | p50 ms | p95 ms | p99 ms | floor (p95) | result |',
      '|---|---|---|---|---|---|',
      ...figures.map(
        (f) => `| ${f.name} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} | ${f.p99.toFixed(1)} | ${f.floor === null ? '—' : `≤ ${f.floor}`} | ${f.floor === null ? '—' : f.p95 <= f.floor ? 'pass' : 'FAIL'} |`,
      ),
      '',
      pass ? '**PASS**: both admin API floors are met.' : '**FAIL**: a floor is missed (see above).',
      '',
    ];
    console.log(lines.join('\n'));
    if (record) appendFileSync(path.join(benchRoot, 'bench', 'RESULTS.md'), lines.join('\n'));
  } finally {
    await khabar.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
