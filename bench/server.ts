/**
 * Khabar as the benchmark runs it, in its own process: `node --import tsx bench/server.ts` with
 * KHABAR_DATA_DIR set (the store is `<dataDir>/khabar.db`). No demo content, warn-level logs,
 * listening on a free port of 127.0.0.1; prints one `KHABAR_BENCH_READY {"port":…}` line.
 *
 * It stops on SIGTERM/SIGINT and when its stdin closes (the harness died), so it never outlives
 * the run. With BENCH_SQL_PROFILE=1 it also times every SQL statement and prints a summary to
 * stderr on exit (see bench/sqlProfile.ts).
 */
import { loadConfig } from '../src/config/loadConfig.js';
import { buildKhabar } from '../src/main.js';
import { installSqlProfile } from './sqlProfile.js';

const dataDir = process.env.KHABAR_DATA_DIR?.trim();
if (!dataDir) {
  console.error('bench/server.ts: KHABAR_DATA_DIR must name the folder holding khabar.db');
  process.exit(2);
}

const sqlProfile = process.env.BENCH_SQL_PROFILE === '1' ? await installSqlProfile() : null;

const config = loadConfig({
  // Only what the benchmark decides: a developer's khabar.config.json or PORT must not leak in.
  env: { KHABAR_DATA_DIR: dataDir },
  cwd: dataDir,
  overrides: {
    env: 'production',
    demo: false,
    logLevel: 'warn',
    baseUrl: 'https://bench.khabar.example',
    server: { port: 0, host: '127.0.0.1' },
  },
});
const khabar = await buildKhabar({ config, demo: false });
await khabar.app.listen({ port: 0, host: '127.0.0.1' });
const bound = khabar.app.server.address();
if (bound === null || typeof bound === 'string') throw new Error('the server did not bind a TCP port');
console.log(`KHABAR_BENCH_READY ${JSON.stringify({ port: bound.port, pid: process.pid })}`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  try {
    await khabar.close();
  } finally {
    sqlProfile?.report();
    // process.exit (not a kill) so that --cpu-prof writes its profile.
    process.exit(code);
  }
}
process.once('SIGTERM', () => void stop(0));
process.once('SIGINT', () => void stop(0));
process.stdin.on('end', () => void stop(0));
process.stdin.on('error', () => void stop(0));
process.stdin.resume();
