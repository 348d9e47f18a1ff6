/**
 * `npx tsx bench/importMemoryProbe.ts <export.xml> [--heap-at N[,N…]] [--batch-size N]`: imports a WXR file in-process
 * into a fresh SQLite store and prints RSS / V8 heap every 1,000 items and at each phase change,
 * with the CPU time; `--heap-at N[,N…]` writes a heap snapshot after N items (each) (to bench/out/). A probe for
 * finding what grows with the number of posts, not a benchmark (bench/import.ts is).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { loadConfig } from '../src/config/loadConfig.js';
import { IMPORT_ANALYZER_MEMO } from '../src/cli/commands/importWordpress.js';
import { importWordpress } from '../src/importers/wordpress/importWordpress.js';
import { createSiteAnalyzer } from '../src/search/createSiteAnalyzer.js';
import { createSqliteStore } from '../src/store/sqlite/createSqliteStore.js';

const file = process.argv[2];
// PROBE_V8_FLAGS: V8 flags set at run time (what a command could do for itself), e.g. --optimize-for-size.
if (process.env.PROBE_V8_FLAGS) v8.setFlagsFromString(process.env.PROBE_V8_FLAGS);
if (!file) throw new Error('usage: importMemoryProbe.ts <export.xml> [--heap-at N] [--batch-size N]');
const heapAtArg = process.argv.indexOf('--heap-at');
/** `--heap-at 4000,12000`: a snapshot at each of these item counts. */
const heapAt = heapAtArg === -1 ? [] : String(process.argv[heapAtArg + 1]).split(',').map(Number);
const batchArg = process.argv.indexOf('--batch-size');
const batchSize = batchArg === -1 ? undefined : Number(process.argv[batchArg + 1]);
const dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-import-probe-'));
process.env.KHABAR_DATA_DIR = dir;
const config = loadConfig();
const analyzer = createSiteAnalyzer(config, { memoLimit: IMPORT_ANALYZER_MEMO }); // as the CLI
const store = createSqliteStore({ file: path.join(dir, 'khabar.db'), analyze: (doc) => analyzer.analyzeDocument(doc) });
await store.migrate();
const mb = (n: number) => (n / 1e6).toFixed(0);
let peak = 0;
const gc = (globalThis as { gc?: () => void }).gc;
const line = (label: string) => {
  const m = process.memoryUsage();
  peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1000);
  const cpu = process.cpuUsage();
  const live = gc ? (gc(), ` live heap ${mb(process.memoryUsage().heapUsed)}`) : '';
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1000;
  console.log(`${label.padEnd(18)}${live} rss ${mb(m.rss)} (anon ${kb('RssAnon').toFixed(0)} file ${kb('RssFile').toFixed(0)}) heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)} cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
};
let lastPhase = '';
let nextAt = 1000;
const report = await importWordpress({ store, site: config.site, now: () => new Date() }, file, {
  ...(batchSize ? { batchSize } : {}),
  onProgress(phase, done) {
    if (phase !== lastPhase) {
      lastPhase = phase;
      nextAt = 1000;
      line(`${phase} start`);
    }
    if (done >= nextAt) {
      nextAt += 1000;
      line(`${phase} ${done}`);
    }
    if (phase === 'import' && heapAt.length > 0 && done >= heapAt[0]!) {
      heapAt.shift();
      console.log(`heap snapshot: ${v8.writeHeapSnapshot(path.join(import.meta.dirname, 'out', `import-${done}.heapsnapshot`))}`);
    }
  },
});
line('done');
console.log(`articles ${JSON.stringify(report.counts.articles)} urls ${report.urls.length} seconds ${report.seconds.toFixed(1)} peak RSS (VmHWM) ${mb(peak)}`);
await store.close();
