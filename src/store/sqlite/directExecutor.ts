import type { CompiledQuery, QueryResult, SqliteDatabase } from 'kysely';
import type { DirectExecutor } from '../shared/directExecution.js';
import type { QueryObservers } from '../shared/queryObservers.js';

/**
 * better-sqlite3 runs a statement synchronously, so a prepared query needs none of Kysely's
 * machinery (decision 035). In a transaction it runs on the connection, which the transaction
 * holds. Outside one, a select runs at once when no transaction is open on the connection
 * (`inTransaction()`): being synchronous, it cannot interleave with anything, and it reads the
 * last commit. While a transaction is open — one that awaits something outside the store — it is
 * left to Kysely, which waits for the transaction to end, as every query did before. Writes
 * outside transactions are left to Kysely too. Results have the shape of Kysely's SQLite driver.
 */
export function createDirectExecutor(connection: SqliteDatabase, inTransaction: () => boolean, observers: QueryObservers): DirectExecutor {
  function run<Row>(query: CompiledQuery<Row>, parameters: readonly unknown[]): QueryResult<Row> {
    const statement = connection.prepare(query.sql);
    if (statement.reader) return { rows: statement.all(parameters) as Row[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }
  return (query, parameters, ofTransaction) => {
    if (ofTransaction || (query.sql.startsWith('select') && !inTransaction())) return observers.timed(query.sql, () => run(query, parameters));
    return undefined;
  };
}
