/**
 * Per-statement SQL timing for the benchmark's server child (BENCH_SQL_PROFILE=1): wraps
 * better-sqlite3's prepared statements, whose calls are synchronous, so the wall time around a
 * call is the time the event loop spent in SQLite for it. The server child resets the counters
 * when the harness signals the end of the warm-up. Nothing here is used by Khabar itself.
 */
import { writeFileSync } from 'node:fs';

interface Entry {
  sql: string;
  calls: number;
  totalNs: bigint;
  maxNs: bigint;
  rows: number;
}

export interface SqlProfile {
  reset(): void;
  /** Prints the summary to stderr (and writes BENCH_SQL_PROFILE_OUT); `requests` = responses sent meanwhile. */
  report(requests?: number): void;
}

/** `cpu`: time each call with the process's CPU time (user + system) instead of the wall clock. */
export async function installSqlProfile(options: { cpu?: boolean } = {}): Promise<SqlProfile> {
  const clock = options.cpu
    ? (): bigint => {
        const u = process.cpuUsage();
        return BigInt(u.user + u.system) * 1000n;
      }
    : (): bigint => process.hrtime.bigint();
  const { default: Database } = await import('better-sqlite3');
  const entries = new Map<string, Entry>();
  let since = process.hrtime.bigint();
  const proto = Database.prototype as unknown as { prepare: (sql: string) => Record<string, unknown> };
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, sql: string) {
    const statement = prepare.call(this, sql);
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const original = statement[method] as ((...args: unknown[]) => unknown) | undefined;
      if (typeof original !== 'function') continue;
      statement[method] = function (this: unknown, ...args: unknown[]) {
        const t0 = clock();
        const result = original.apply(this, args);
        const ns = clock() - t0;
        const key = sql.replace(/\s+/g, ' ').trim();
        let e = entries.get(key);
        if (!e) {
          e = { sql: key, calls: 0, totalNs: 0n, maxNs: 0n, rows: 0 };
          entries.set(key, e);
        }
        e.calls++;
        e.totalNs += ns;
        if (ns > e.maxNs) e.maxNs = ns;
        if (Array.isArray(result)) e.rows += result.length;
        return result;
      };
    }
    return statement;
  };
  return {
    reset() {
      entries.clear();
      since = process.hrtime.bigint();
    },
    report(requests) {
      const wallMs = Number(process.hrtime.bigint() - since) / 1e6;
      const list = [...entries.values()].sort((x, y) => (y.totalNs > x.totalNs ? 1 : y.totalNs < x.totalNs ? -1 : 0));
      const totalMs = list.reduce((sum, e) => sum + Number(e.totalNs) / 1e6, 0);
      const rows = list.map((e) => ({
        totalMs: Math.round(Number(e.totalNs) / 1e4) / 100,
        calls: e.calls,
        meanUs: Math.round(Number(e.totalNs) / e.calls / 1e3),
        maxMs: Math.round(Number(e.maxNs) / 1e4) / 100,
        rowsPerCall: Math.round((e.rows / e.calls) * 10) / 10,
        sql: e.sql,
      }));
      const out = process.env.BENCH_SQL_PROFILE_OUT;
      if (out) writeFileSync(out, JSON.stringify({ wallMs, totalMs, requests: requests ?? null, statements: rows }, null, 2));
      const perRequest = requests ? `; ${requests} responses, ${(totalMs / requests).toFixed(1)} ms in SQLite per response` : '';
      const lines = [`SQL profile: ${totalMs.toFixed(0)} ms ${options.cpu ? 'of CPU ' : ''}in SQLite over ${wallMs.toFixed(0)} ms wall (${((totalMs / wallMs) * 100).toFixed(1)}%)${perRequest}`];
      for (const r of rows.slice(0, 15)) {
        lines.push(`  ${r.totalMs.toFixed(0).padStart(7)} ms ${String(r.calls).padStart(7)} calls ${String(r.meanUs).padStart(6)} µs/call  ${r.sql.slice(0, 220)}`);
      }
      process.stderr.write(`${lines.join('\n')}\n`);
    },
  };
}
