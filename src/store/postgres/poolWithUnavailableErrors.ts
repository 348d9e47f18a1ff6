import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { AppError } from '../../errors/AppError.js';

/** SQLSTATE classes and socket errors that mean "the server is not there", not "the query is wrong". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300']);

export function isUnavailableError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e?.code && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(e?.message ?? '');
}

/**
 * The pg pool as Kysely sees it, with "server unreachable" failures (refused connections, a
 * restart's admin shutdown, a dropped socket) turned into STORE_UNAVAILABLE: requests then answer
 * 503 at once while PostgreSQL is down. pg discards broken clients, so the pool reconnects by
 * itself when the server is back.
 */
export function poolWithUnavailableErrors(pool: pg.Pool): PostgresPool {
  const unavailable = (error: unknown) =>
    isUnavailableError(error) ? new AppError('STORE_UNAVAILABLE', `PostgreSQL does not answer: ${(error as Error).message}`, {}, { cause: error }) : error;
  return {
    async connect(): Promise<PostgresPoolClient> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw unavailable(error);
      }
      let broken: unknown = null;
      // While checked out (a transaction waiting on other work), the pool's idle listener is off: a
      // server shutdown then arrives as an 'error' event that, unheard, would crash the process.
      // Remember it instead; the next query fails with it and the client is destroyed on release.
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      return {
        async query(...args: unknown[]) {
          try {
            return await (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
          } catch (error) {
            if (isUnavailableError(error)) broken = error;
            throw unavailable(error);
          }
        },
        // A client whose connection broke is destroyed, not returned to the pool.
        release: () => {
          client.off('error', onError);
          client.release(broken ? (broken as Error) : undefined);
        },
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
