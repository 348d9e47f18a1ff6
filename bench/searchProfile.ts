/**
 * Where a search's time goes, on a store `npm run bench:search` built (no rebuild, no reindex):
 *
 *   node --import tsx bench/searchProfile.ts --file bench/out/search-20000-seed-1/khabar.db [--rounds 5] [--pg URL]
 *
 * For the bench's query list, warm (after one untimed round), per phase: planning against the
 * vocabulary, the index query (store.search.query), the cards (publishedByIds) and the whole
 * operation (searchArticles); then SQLite's time per statement shape (bench/sqlProfile.ts). With
 * --candidates N, broad queries rank their newest N matches (search.rankedCandidates). With
 * --no-cache, the SQLite store keeps no candidates (decision 031): every round pays its index query. With
 * --pg, the same phases on that PostgreSQL store (no SQL profile). Prints only; records nothing.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createAnalyzer } from '../src/search/analyzer.js';
import { createVocabularyCache } from '../src/search/createVocabularyCache.js';
import { planQueryWithVocabulary } from '../src/search/planQueryWithVocabulary.js';
import { searchArticles, type SearchDeps } from '../src/search/searchArticles.js';
import type { Store } from '../src/store/ports.js';
import { QUERIES } from './searchQueries.js';
import { installSqlProfile } from './sqlProfile.js';

const { values } = parseArgs({ options: { file: { type: 'string' }, rounds: { type: 'string' }, pg: { type: 'string' }, verbose: { type: 'boolean', default: false }, candidates: { type: 'string' }, 'no-cache': { type: 'boolean', default: false } } });
const candidates = values.candidates ? Number(values.candidates) : undefined;
if (!values.file && !values.pg) {
  console.log('usage: node --import tsx bench/searchProfile.ts --file <khabar.db> [--pg URL] [--rounds N] [--candidates N] [--no-cache] [--verbose]');
  process.exit(1);
}
const rounds = Math.max(1, Number(values.rounds ?? 5) || 5);

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}
const f = (n: number) => n.toFixed(2).padStart(7);

async function profile(name: string, store: Store): Promise<void> {
  const analyzer = createAnalyzer();
  const vocabulary = createVocabularyCache({ search: store.search, contentVersion: () => store.contentVersion() });
  const deps: SearchDeps = { store, analyzer, vocabulary, settings: { recencyWeight: 0.3, recencyHalfLifeDays: 30, perPage: 10, ...(candidates ? { rankedCandidates: candidates } : {}) }, now: () => new Date() };
  const ranking = { recencyWeight: 0.3, halfLifeDays: 30, now: new Date(), ...(candidates ? { candidates } : {}) };
  const phases = { plan: [] as number[], query: [] as number[], cards: [] as number[], operation: [] as number[], 'operation cpu': [] as number[], 'query cpu': [] as number[] };
  const perQuery = new Map<string, number[]>();
  for (let round = 0; round <= rounds; round++) {
    for (const item of QUERIES) {
      let t = performance.now();
      const plan = await planQueryWithVocabulary(analyzer, item.q, vocabulary);
      const planMs = performance.now() - t;
      let queryMs = 0;
      let queryCpu = 0;
      let cardsMs = 0;
      if (plan.groups.length > 0 || plan.phrases.length > 0) {
        t = performance.now();
        const q0 = process.cpuUsage();
        const r = await store.search.query({ groups: plan.groups, phrases: plan.phrases, exclude: plan.exclude, mode: 'all' }, {}, { limit: 10, offset: ((item.page ?? 1) - 1) * 10 }, ranking);
        queryMs = performance.now() - t;
        const qc = process.cpuUsage(q0);
        queryCpu = (qc.user + qc.system) / 1000;
        t = performance.now();
        await store.articles.publishedByIds(r.hits.map((h) => h.id));
        cardsMs = performance.now() - t;
      }
      t = performance.now();
      const cpu0 = process.cpuUsage();
      await searchArticles(deps, { query: item.q, ...(item.page ? { page: item.page } : {}), ...(item.section ? { section: item.section } : {}) });
      const opMs = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      if (round === 0) continue;
      phases.plan.push(planMs);
      phases.query.push(queryMs);
      phases['query cpu'].push(queryCpu);
      phases.cards.push(cardsMs);
      phases.operation.push(opMs);
      // This process's CPU time for the operation: on a loaded machine, wall time mostly measures waiting for a core.
      phases['operation cpu'].push((cpu.user + cpu.system) / 1000);
      const key = `${item.q}${item.page ? ` p${item.page}` : ''}${item.section ? ` §${item.section}` : ''}`;
      perQuery.set(key, [...(perQuery.get(key) ?? []), opMs]);
    }
  }
  console.log(`\n${name}: ${rounds} warm rounds × ${QUERIES.length} queries, load average ${os.loadavg()[0]!.toFixed(2)}`);
  console.log('phase            p50     p99    mean (ms)');
  for (const [phase, s] of Object.entries(phases)) console.log(`${phase.padEnd(13)} ${f(pct(s, 50))} ${f(pct(s, 99))} ${f(s.reduce((a, b) => a + b, 0) / s.length)}`);
  if (values.verbose) {
    console.log('slowest operations (median ms):');
    for (const [q, s] of [...perQuery].sort((a, b) => pct(b[1], 50) - pct(a[1], 50)).slice(0, 15)) console.log(`  ${f(pct(s, 50))}  ${q}`);
  }
}

if (values.file) {
  const sqlProfile = await installSqlProfile();
  const { createSqliteStore } = await import('../src/store/sqlite/createSqliteStore.js');
  const store = createSqliteStore({ file: values.file, ...(values['no-cache'] ? { searchCandidateCache: 0 } : {}) });
  await store.migrate();
  sqlProfile.reset();
  await profile('sqlite', store);
  sqlProfile.report();
  await store.close();
}
if (values.pg) {
  const { createPostgresStore } = await import('../src/store/postgres/createPostgresStore.js');
  const store = await createPostgresStore({ connectionString: values.pg, poolSize: 4 });
  await profile('postgres', store);
  await store.close();
}
