import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../errors/AppError.js';

/** The file name of the database inside a backup of an SQLite store. */
export const DUMP_FILE = 'database.sqlite';

/**
 * Copies the live database to `outFile` with SQLite's online backup API: pages are copied while
 * the site keeps serving and writing, and the copy is one consistent snapshot.
 */
export async function dumpDatabase(source: { file: string }, outFile: string): Promise<void> {
  if (!existsSync(source.file)) throw new AppError('STORE_UNAVAILABLE', `there is no SQLite store at ${source.file}`, { file: source.file });
  const db = new Database(source.file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(outFile);
  } finally {
    db.close();
  }
}

/**
 * Replaces the store's content with the database in `dumpFile`, again through the backup API
 * (into the live file, under SQLite's locks; WAL readers see the old or the new database whole).
 */
export async function loadDatabase(target: { file: string }, dumpFile: string): Promise<void> {
  const db = new Database(dumpFile, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target.file);
  } finally {
    db.close();
  }
}
