import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import { directExecutorOf } from './directExecution.js';
import type { Database } from './schema.js';

/** Stands for an argument (or one property of an object argument) while a prepared query is built. */
class Placeholder {
  constructor(
    readonly index: number,
    readonly key: string | null,
  ) {}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * A hot query built and compiled by Kysely once, then run with new values: building and compiling
 * a query costs more than SQLite takes to run an indexed one (the SQLite adapter also keeps the
 * prepared statement per SQL text, cachedStatements.ts). `build` receives stand-ins for the
 * arguments — for a plain-object argument (a row to insert), an object of stand-ins with the same
 * keys. Each stand-in must be used as a plain value (a parameter), never inspected, and the query's
 * shape must not depend on the values: no arrays (`in` lists), no `undefined` (pass null), and an
 * object argument has the same keys on every call.
 *
 * @example
 *   const byId = prepareQuery((id: number) => db.selectFrom('comments').selectAll().where('id', '=', id));
 *   const rows = (await byId(db, 7)).rows;
 */
export function prepareQuery<Args extends unknown[], Row>(build: (...args: Args) => Compilable<Row>): (conn: Kysely<Database>, ...args: Args) => Promise<QueryResult<Row>> {
  let compiled: CompiledQuery<Row> | undefined;
  let slots: Array<Placeholder | null> = [];
  // Built on the repository's connection, run on `conn`: the same dialect (that connection or one of its transactions).
  return async (conn, ...args) => {
    if (compiled === undefined) {
      const standIns = args.map((arg, i) =>
        isRecord(arg) ? Object.fromEntries(Object.keys(arg).map((key) => [key, new Placeholder(i, key)])) : new Placeholder(i, null),
      );
      const query = build(...(standIns as Args)).compile();
      slots = query.parameters.map((p) => (p instanceof Placeholder ? p : null));
      const used = new Set(slots.map((s) => (s ? `${s.index}.${s.key ?? ''}` : '')));
      standIns.forEach((standIn, i) => {
        const keys = standIn instanceof Placeholder ? [''] : Object.keys(standIn);
        const missing = keys.find((key) => !used.has(`${i}.${key}`));
        if (missing !== undefined) throw new Error(`prepareQuery: argument ${i}${missing ? `.${missing}` : ''} is not a parameter of: ${query.sql}`);
      });
      compiled = query;
    }
    const parameters = compiled.parameters.map((p, i) => {
      const slot = slots[i];
      if (!slot) return p;
      const arg = args[slot.index];
      return slot.key === null ? arg : (arg as Record<string, unknown>)[slot.key];
    });
    return executeWith(conn, compiled, parameters);
  };
}

/**
 * Runs a compiled query on `conn`: directly when the store can (directExecution.ts: SQLite runs it
 * synchronously — on the transaction's connection, or a read outside transactions on its reader
 * connection), through Kysely otherwise.
 */
export function executeCompiled<Row>(conn: Kysely<Database>, query: CompiledQuery<Row>): Promise<QueryResult<Row>> {
  return executeWith(conn, query, query.parameters);
}

function executeWith<Row>(conn: Kysely<Database>, query: CompiledQuery<Row>, parameters: readonly unknown[]): Promise<QueryResult<Row>> {
  let done: QueryResult<Row> | undefined;
  try {
    done = directExecutorOf(conn)?.(query, parameters, conn.isTransaction);
  } catch (error) {
    return Promise.reject(error);
  }
  return done !== undefined ? Promise.resolve(done) : conn.executeQuery<Row>(parameters === query.parameters ? query : { ...query, parameters });
}
