import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../errors/AppError.js';
import { defaultAnalyze } from '../shared/search/defaultAnalyze.js';
import type { Store } from '../ports.js';
import { createSearchIndex } from './search.js';
import { createKyselyStore } from '../shared/createKyselyStore.js';
import { createQueryObservers } from '../shared/queryObservers.js';
import type { OpenBulkAnalysis } from '../../search/analysisWorkers.js';
import type { AnalyzeDocument } from '../shared/search/syncArticleSearch.js';
import type { Database as Schema } from '../shared/schema.js';
import { withCachedStatements } from './cachedStatements.js';
import { jobQueries } from './jobQueries.js';
import { listenForJobs } from './listenForJobs.js';
import { sqliteMigrationDialect } from './migrationDialect.js';
import { sqliteMigrationLock } from './migrationLock.js';

export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  now?: () => Date;
  /** How articles become index terms (default: the Arabic analyzer with no extra variants). */
  analyze?: AnalyzeDocument;
  /** Worker threads for rebuilds (`analysisWorkers`, with the options of the analyzer `analyze` runs); none: inline. */
  bulkAnalysis?: OpenBulkAnalysis;
  /** The page cache in KB (default: better-sqlite3's, 16,000 KB). A bulk import sets less (decision 032). */
  cacheKb?: number;
}

/**
 * The embedded store: one SQLite file in WAL mode, foreign keys on, a busy timeout so concurrent
 * processes (CLI next to the server) wait instead of failing.
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  let sqlite: Database.Database;
  try {
    if (options.file !== ':memory:') mkdirSync(path.dirname(options.file), { recursive: true });
    sqlite = new Database(options.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    if (options.cacheKb !== undefined) sqlite.pragma(`cache_size = -${Math.max(64, Math.floor(options.cacheKb))}`);
    // Write access is checked now, not at the first publish.
    sqlite.exec('BEGIN IMMEDIATE; ROLLBACK;');
  } catch (error) {
    throw new AppError('STORE_UNAVAILABLE', `cannot open the SQLite store at ${options.file}: ${(error as Error).message}`, { file: options.file }, { cause: error });
  }
  const queryObservers = createQueryObservers();
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withCachedStatements(sqlite) }), log: queryObservers.log });
  return createKyselyStore({
    db,
    queryObservers,
    capabilities: { dialect: 'sqlite', skipLocked: false, notify: false },
    search: { indexOf: createSearchIndex, analyze: options.analyze ?? defaultAnalyze() },
    ...(options.bulkAnalysis ? { bulkAnalysis: options.bulkAnalysis } : {}),
    migrationDialect: sqliteMigrationDialect,
    dialectQueries: jobQueries,
    listenForJobs: listenForJobs(),
    migrationLock: sqliteMigrationLock(sqlite),
    // One writer at a time: concurrent comment posts and rate-limit hits share a commit (decision 018).
    groupCommit: true,
    listenForPurges: listenForJobs(),
    ...(options.now ? { now: options.now } : {}),
  });
}
