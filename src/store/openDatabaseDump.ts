import path from 'node:path';

/** Dump and load of the configured store's database, whole (see src/operations/backup/). */
export interface DatabaseDump {
  dialect: 'sqlite' | 'postgres';
  /** The database's file name inside a backup. */
  fileName: string;
  dump(outFile: string): Promise<void>;
  load(dumpFile: string): Promise<void>;
}

/** PostgreSQL (pg_dump/pg_restore) when a DATABASE_URL is configured, otherwise SQLite's backup API. */
export async function openDatabaseDump(options: { databaseUrl: string | null; dataDir: string }): Promise<DatabaseDump> {
  if (options.databaseUrl) {
    const pg = await import('./postgres/databaseDump.js');
    const target = { url: options.databaseUrl };
    return { dialect: 'postgres', fileName: pg.DUMP_FILE, dump: (out) => pg.dumpDatabase(target, out), load: (file) => pg.loadDatabase(target, file) };
  }
  const sqlite = await import('./sqlite/databaseDump.js');
  const target = { file: path.join(options.dataDir, 'khabar.db') };
  return { dialect: 'sqlite', fileName: sqlite.DUMP_FILE, dump: (out) => sqlite.dumpDatabase(target, out), load: (file) => sqlite.loadDatabase(target, file) };
}
