import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** SQL longer than this (multi-row inserts, long `in` lists) is kept in the small cache. */
const LONG_SQL = 2_000;
/** Long statements kept: the few fixed chunk shapes a bulk write repeats (decision 032). */
const LONG_MAX = 16;

/**
 * Kysely's SQLite driver prepares every statement anew; compiling SQL costs more than running
 * most of our indexed queries. This wrapper keeps prepared statements by their SQL text (the set
 * is small and fixed: queries are built from code, values are always parameters). Long statements
 * — a multi-row insert or an `in` list, whose text changes with the number of rows — go to a
 * cache of their own of `longMax`: each holds a compiled program of up to ~100 KB of native
 * memory, and an import made hundreds of distinct ones (one per batch size) that the main cache
 * kept to its limit.
 */
export function withCachedStatements(db: Database.Database, max = 500, longMax = LONG_MAX): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  const long = new Map<string, Database.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const kept = sql.length > LONG_SQL ? long : cache;
      const limit = kept === long ? longMax : max;
      let statement = kept.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        if (kept.size >= limit) kept.delete(kept.keys().next().value!);
      } else {
        kept.delete(sql); // most recently used last: the oldest unused goes first
      }
      kept.set(sql, statement);
      return statement as unknown as SqliteStatement;
    },
  };
}
