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
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

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
// BENCH_DIAG=1: event-loop delay and GC pauses and server-side response times over the whole run, printed to stderr on exit
// (where a latency tail comes from: a long synchronous stretch, or the collector).
const diag = process.env.BENCH_DIAG === '1' ? startDiagnostics() : null;
if (diag) {
  // The time a request's first bytes waited in the process before Fastify saw it (a busy event loop).
  khabar.app.server.on('connection', (socket) => {
    diag.connected();
    socket.prependListener('data', () => {
      if (socket.firstData !== undefined) return;
      const now = performance.now();
      if (socket.lastData !== undefined) diag.cycle(now - socket.lastData);
      socket.lastData = socket.firstData = now;
    });
  });
  khabar.app.addHook('onRequest', async (request) => {
    const socket = /** @type {any} */ (request.raw.socket);
    if (socket.firstData !== undefined) diag.waited(performance.now() - socket.firstData);
    socket.firstData = undefined;
  });
  khabar.app.addHook('onResponse', async (_request, reply) => diag.served(reply.elapsedTime));
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
    diag?.report();
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

function startDiagnostics() {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const kinds = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
  };
  /** @type {Map<string, number[]>} */
  const pauses = new Map();
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // @ts-ignore detail.kind (Node ≥ 16)
      const kind = kinds[entry.detail?.kind] ?? String(entry.detail?.kind);
      if (!pauses.has(kind)) pauses.set(kind, []);
      pauses.get(kind)?.push(entry.duration);
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  /** @type {{ served: number[], waited: number[], cycles: number[] }} */
  const samples = { served: [], waited: [], cycles: [] };
  let connections = 0;
  /** Sorted samples as `p50 … p99 … max` (ms). @param {number[]} list @param {number[]} quantiles */
  const summary = (list, quantiles) => {
    list.sort((a, b) => a - b);
    const at = (/** @type {number} */ q) => (list[Math.floor(list.length * q)] ?? 0).toFixed(1);
    return [...quantiles.map((q) => `p${Math.round(q * 100)} ${at(q)}`), `max ${(list.at(-1) ?? 0).toFixed(1)}`].join(' ');
  };
  return {
    connected() {
      connections++;
    },
    /** @param {number} ms */
    cycle(ms) {
      samples.cycles.push(ms);
    },
    /** @param {number} ms */
    waited(ms) {
      samples.waited.push(ms);
    },
    /** @param {number} ms */
    served(ms) {
      samples.served.push(ms);
    },
    report() {
      loop.disable();
      gc.disconnect();
      const ms = (/** @type {number} */ ns) => (ns / 1e6).toFixed(1);
      const lines = [
        `server-side response time ms (${samples.served.length} responses): ${summary(samples.served, [0.5, 0.9, 0.99])}`,
        `first bytes → request seen ms: ${summary(samples.waited, [0.5, 0.99])}`,
        `connections accepted: ${connections}`,
        `one connection, request → next request ms: ${summary(samples.cycles, [0.5, 0.99])}`,
        `event-loop delay ms: p50 ${ms(loop.percentile(50))} p99 ${ms(loop.percentile(99))} p99.9 ${ms(loop.percentile(99.9))} max ${ms(loop.max)}`,
      ];
      for (const [kind, list] of pauses) {
        const total = list.reduce((a, b) => a + b, 0);
        lines.push(`gc ${kind}: ${list.length} pauses, total ${total.toFixed(0)} ms, ${summary(list, [0.99])}`);
      }
      console.error(`BENCH_DIAG\n${lines.join('\n')}`);
    },
  };
}
