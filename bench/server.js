/**
 * Khabar as the benchmark runs it, in its own process: `node bench/server.js` (plain JavaScript, so no TypeScript loader thread is measured) with
 * KHABAR_DATA_DIR set (the store is `<dataDir>/khabar.db`). No demo content, warn-level logs,
 * listening on a free port of 127.0.0.1; prints one `KHABAR_BENCH_READY {"port":…}` line.
 *
 * It stops on SIGTERM/SIGINT and when its stdin closes (the harness died), so it never outlives
 * the run. Profiling (`bench/run.ts --profile PAGE`): BENCH_SQL_PROFILE=1 times every SQL
 * statement (bench/sqlProfile.ts), BENCH_CPU_PROFILE=<file> records a V8 CPU profile; both start
 * counting at SIGUSR2 (sent by the harness after the warm-up) and are written on exit.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

// The compiled server, as production runs it (bench/run.ts builds dist/ first). This file is plain
// JavaScript so that no TypeScript loader (a thread with its own heap) is in the measured process;
// the SQL profiler (TypeScript) is loaded only when profiling, when the harness adds `--import tsx`.
const { loadConfig } = await import('../dist/config/loadConfig.js');
const { buildKhabar } = await import('../dist/main.js');

const dataDir = process.env.KHABAR_DATA_DIR?.trim();
if (!dataDir) {
  console.error('bench/server.js: KHABAR_DATA_DIR must name the folder holding khabar.db');
  process.exit(2);
}

const sqlProfile = process.env.BENCH_SQL_PROFILE === '1' ? await (await import('./sqlProfile.ts')).installSqlProfile() : null;
const cpuProfileFile = process.env.BENCH_CPU_PROFILE || null;
/** @type {Session | null} */
let cpuSession = null;

const config = loadConfig({
  // Only what the benchmark decides: a developer's khabar.config.json or PORT must not leak in.
  env: { KHABAR_DATA_DIR: dataDir, ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) },
  cwd: dataDir,
  overrides: {
    env: 'production',
    demo: false,
    // KHABAR_READ_MEMO=0 measures every page read straight from the store (no per-version memo).
    readMemo: process.env.KHABAR_READ_MEMO !== '0',
    // KHABAR_PAGE_CACHE=0 measures Khabar rendering every request (the "uncached" rows).
    pageCache: { enabled: process.env.KHABAR_PAGE_CACHE !== '0' },
    // Every request of a run comes from one address: the per-IP search limit (60 a minute by
    // default) would answer 429 and the run would measure the limiter, not the search page.
    search: { rateLimitPerMinute: 100_000 },
    logLevel: 'warn',
    baseUrl: 'https://bench.khabar.example',
    server: { port: 0, host: '127.0.0.1' },
  },
});
const khabar = await buildKhabar({ config, demo: false });
// Responses sent since the warm-up ended (profiling only): the server also finishes requests the
// client already gave up on, so the client's count is not the server's.
let responses = 0;
if (sqlProfile || cpuProfileFile) {
  khabar.app.addHook('onResponse', async () => {
    responses++;
  });
}
await khabar.app.listen({ port: 0, host: '127.0.0.1' });
const bound = khabar.app.server.address();
if (bound === null || typeof bound === 'string') throw new Error('the server did not bind a TCP port');
console.log(`KHABAR_BENCH_READY ${JSON.stringify({ port: bound.port, pid: process.pid })}`);

process.on('SIGUSR2', () => {
  sqlProfile?.reset();
  responses = 0;
  if (cpuProfileFile && !cpuSession) {
    const session = new Session();
    session.connect();
    cpuSession = session;
    void (async () => {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      await session.post('Profiler.start');
    })();
  }
});

let stopping = false;
/** @param {number} code */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  try {
    if (cpuSession && cpuProfileFile) {
      const { profile } = await cpuSession.post('Profiler.stop');
      writeFileSync(cpuProfileFile, JSON.stringify(profile));
      writeFileSync(`${cpuProfileFile}.responses`, String(responses));
      cpuSession.disconnect();
    }
    sqlProfile?.report(responses);
    await khabar.close();
  } finally {
    process.exit(code);
  }
}
process.once('SIGTERM', () => void stop(0));
process.once('SIGINT', () => void stop(0));
process.stdin.on('end', () => void stop(0));
process.stdin.on('error', () => void stop(0));
process.stdin.resume();
