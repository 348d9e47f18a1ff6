/**
 * Where a rebuild of the search index goes (issue #6, decision 027), on a store `npm run
 * bench:search` built:
 *
 *   node --import tsx bench/reindexProfile.ts --file bench/out/search-100000-seed-1/khabar.db [--rounds 2] [--workers N] [--sql]
 *   node --import tsx bench/reindexProfile.ts --pg postgres://postgres@127.0.0.1:5432/bench_search
 *
 * Runs `store.reindex({ batchSize: 1000 })` (what `khabar reindex` and the bench run) `--rounds`
 * times (with --workers N analysis worker threads; default: what `khabar reindex` uses here) and prints, per round, the wall time, the process's CPU time (all threads: user + system)
 * per article, and the load average before and after, since the machine may be shared. With --sql,
 * SQLite's CPU time per statement shape (bench/sqlProfile.ts). Prints only; records nothing.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { analysisWorkers, defaultAnalysisWorkers } from '../src/search/analysisWorkers.js';
import type { Store } from '../src/store/ports.js';
import { installSqlProfile, type SqlProfile } from './sqlProfile.js';

const { values } = parseArgs({ options: { file: { type: 'string' }, pg: { type: 'string' }, rounds: { type: 'string' }, workers: { type: 'string' }, sql: { type: 'boolean', default: false } } });
if (!values.file && !values.pg) {
  console.log('usage: node --import tsx bench/reindexProfile.ts (--file <khabar.db> | --pg URL) [--rounds N] [--workers N] [--sql]');
  process.exit(1);
}
const rounds = Math.max(1, Number(values.rounds ?? 2) || 2);
// Analysis worker threads (decision 027): the default is what khabar reindex uses on this machine.
const workers = values.workers === undefined ? defaultAnalysisWorkers() : Math.max(0, Math.floor(Number(values.workers)) || 0);
const bulkAnalysis = analysisWorkers({ workers });
const profile: SqlProfile | undefined = values.sql && values.file ? await installSqlProfile({ cpu: true }) : undefined;

let store: Store;
if (values.file) {
  const { createSqliteStore } = await import('../src/store/sqlite/createSqliteStore.js');
  store = createSqliteStore({ file: values.file, ...(bulkAnalysis ? { bulkAnalysis } : {}) });
} else {
  const { createPostgresStore } = await import('../src/store/postgres/createPostgresStore.js');
  store = await createPostgresStore({ connectionString: values.pg!, poolSize: 4, ...(bulkAnalysis ? { bulkAnalysis } : {}) });
}
await store.migrate();
const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
try {
  for (let round = 1; round <= rounds; round++) {
    profile?.reset();
    const loadBefore = load();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { indexed } = await store.reindex({ batchSize: 1000 });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(
      `round ${round} (${store.capabilities.dialect}, ${workers} analysis workers): ${indexed} articles in ${seconds.toFixed(1)} s = ${Math.round(indexed / seconds)} articles/s wall; ` +
        `CPU ${(cpuMs / 1000).toFixed(1)} s = ${((cpuMs * 1000) / indexed).toFixed(0)} µs/article (${Math.round(indexed / (cpuMs / 1000))} articles per CPU-second); ` +
        `load ${loadBefore} → ${load()}`,
    );
    profile?.report();
  }
} finally {
  await store.close();
}
