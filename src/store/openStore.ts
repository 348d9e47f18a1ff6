import path from 'node:path';
import type { Store } from './ports.js';
import type { OpenBulkAnalysis } from '../search/analysisWorkers.js';
import type { AnalyzeDocument } from './shared/search/syncArticleSearch.js';

export interface OpenStoreOptions {
  databaseUrl: string | null;
  dataDir: string;
  now?: () => Date;
  /** How articles become search terms (the analyzer configured for this site). */
  analyze?: AnalyzeDocument;
  /** Worker threads that analyse for rebuilds (reindex, imports, start-up): `analysisWorkers(…)` with the same analyzer options. */
  bulkAnalysis?: OpenBulkAnalysis;
  /** SQLite only: checkpoint the WAL on a thread of its own (the serving process; see createSqliteStore). */
  backgroundCheckpoint?: boolean;
  /** SQLite only: the connection's page cache in KB (default better-sqlite3's 16,000). */
  sqliteCacheKb?: number;
}

/** PostgreSQL when a DATABASE_URL is configured, otherwise the SQLite file in the data folder. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const now = { ...(options.now ? { now: options.now } : {}), ...(options.analyze ? { analyze: options.analyze } : {}), ...(options.bulkAnalysis ? { bulkAnalysis: options.bulkAnalysis } : {}) };
  if (options.databaseUrl) {
    const { createPostgresStore } = await import('./postgres/createPostgresStore.js');
    return createPostgresStore({ connectionString: options.databaseUrl, ...now });
  }
  const { createSqliteStore } = await import('./sqlite/createSqliteStore.js');
  return createSqliteStore({
    file: path.join(options.dataDir, 'khabar.db'),
    ...now,
    ...(options.backgroundCheckpoint ? { backgroundCheckpoint: true } : {}),
    ...(options.sqliteCacheKb ? { cacheKb: options.sqliteCacheKb } : {}),
  });
}
