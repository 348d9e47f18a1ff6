import path from 'node:path';
import type { Store } from './ports.js';

export interface OpenStoreOptions {
  databaseUrl: string | null;
  dataDir: string;
  now?: () => Date;
}

/** PostgreSQL when a DATABASE_URL is configured, otherwise the SQLite file in the data folder. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const now = options.now ? { now: options.now } : {};
  if (options.databaseUrl) {
    const { createPostgresStore } = await import('./postgres/createPostgresStore.js');
    return createPostgresStore({ connectionString: options.databaseUrl, ...now });
  }
  const { createSqliteStore } = await import('./sqlite/createSqliteStore.js');
  return createSqliteStore({ file: path.join(options.dataDir, 'khabar.db'), ...now });
}
