import type { CompiledQuery, Kysely, QueryResult } from 'kysely';

/**
 * Runs a compiled query at once, without Kysely's connection provider, or answers `undefined`
 * when it cannot (the query then goes through Kysely). `inTransaction`: `conn` is one of the
 * store's transactions, which holds its only connection for as long as it is used.
 */
export type DirectExecutor = <Row>(query: CompiledQuery<Row>, parameters: readonly unknown[], inTransaction: boolean) => QueryResult<Row> | undefined;

/** Keyed by the Kysely adapter object, which an instance shares with its transactions and `withPlugin` copies. */
const executors = new WeakMap<object, DirectExecutor>();

/**
 * A store adapter whose driver is synchronous (better-sqlite3) registers a direct executor for
 * its Kysely instance: the hot prepared queries (preparedQuery.ts) then skip Kysely's promise
 * chain, its connection mutex and its logging wrapper — about as much CPU as SQLite's own work
 * for the indexed statements of a comment post (decision 035). Instances with plugins are left to
 * Kysely (a plugin may rewrite results).
 */
export function registerDirectExecutor(db: Kysely<any>, executor: DirectExecutor): void {
  executors.set(db.getExecutor().adapter, executor);
}

/** The direct executor of `conn`'s store, if it has one and `conn` has no plugins. */
export function directExecutorOf(conn: Kysely<any>): DirectExecutor | undefined {
  const executor = conn.getExecutor();
  const direct = executors.get(executor.adapter);
  return direct !== undefined && executor.plugins.length === 0 ? direct : undefined;
}
