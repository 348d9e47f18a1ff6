import type Database from 'better-sqlite3';
import { AppError } from '../../errors/AppError.js';

/**
 * SQLite's migration lock: the whole run inside one `BEGIN IMMEDIATE` transaction, so a second
 * process (another `khabar migrate`, a node starting) waits for the first and then finds nothing
 * pending, instead of both creating the same tables. Kysely's SQLite adapter takes no lock of its
 * own (it assumes one process). SQLite DDL is transactional: a failed run leaves nothing behind.
 *
 * @example await sqliteMigrationLock(sqlite, { waitMs: 60_000 })(() => migrator.migrateToLatest())
 */
export function sqliteMigrationLock(sqlite: Database.Database, options: { waitMs?: number } = {}) {
  const waitMs = options.waitMs ?? 120_000;
  return async function withWriteLock<T>(work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + waitMs;
    // Wait without blocking the event loop: busy_timeout would hold the whole process (and a
    // second store in the same process could never let go of the lock).
    const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
    sqlite.pragma('busy_timeout = 0');
    try {
      for (;;) {
        try {
          sqlite.exec('BEGIN IMMEDIATE');
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) {
            throw new AppError('STORE_UNAVAILABLE', `cannot take the SQLite write lock to migrate: ${(error as Error).message}`, {}, { cause: error });
          }
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    } finally {
      sqlite.pragma(`busy_timeout = ${busyTimeout}`);
    }
    try {
      const result = await work();
      sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  };
}
