import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../errors/AppError.js';
import { defaultAnalyze } from '../shared/search/defaultAnalyze.js';
import type { Store } from '../ports.js';
import { startBackgroundCheckpoint } from './backgroundCheckpoint.js';
import { createCandidateReader } from './candidateReader.js';
import { createCandidateCache } from './candidateCache.js';
import { createSearchIndex } from './search.js';
import { createKyselyStore } from '../shared/createKyselyStore.js';
import { createQueryObservers } from '../shared/queryObservers.js';
import type { OpenBulkAnalysis } from '../../search/analysisWorkers.js';
import type { AnalyzeDocument } from '../shared/search/syncArticleSearch.js';
import type { Database as Schema } from '../shared/schema.js';
import { withCachedStatements } from './cachedStatements.js';
import { createDirectExecutor } from './directExecutor.js';
import { registerDirectExecutor } from '../shared/directExecution.js';
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
  /**
   * WAL checkpoints on a thread of their own instead of in the commit that crosses 1,000 pages
   * (backgroundCheckpoint.ts): for the serving process, where a checkpoint's stall is a latency
   * tail. Off for CLI commands and tests (no thread to start).
   */
  backgroundCheckpoint?: boolean;
  /**
   * Candidates of unfiltered searches kept per version of the index, at most this many in all
   * (decision 031; default SEARCH_CANDIDATE_CACHE); 0 keeps none.
   */
  searchCandidateCache?: number;
  /** The page cache in KB (default: better-sqlite3's, 16,000 KB). A bulk import sets less (decision 032). */
  cacheKb?: number;
}

/** About 8 MB: the candidates of 64 broad queries (1,000 each) or of many narrower ones. */
export const SEARCH_CANDIDATE_CACHE = 64_000;

/** The serving connection's own automatic checkpoint when a background thread does the work. */
const SAFETY_NET_PAGES = 10_000;

/**
 * The embedded store: one SQLite file in WAL mode, foreign keys on, a busy timeout so concurrent
 * processes (CLI next to the server) wait instead of failing.
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  let sqlite: Database.Database;
  const background = options.backgroundCheckpoint === true && options.file !== ':memory:';
  try {
    if (options.file !== ':memory:') mkdirSync(path.dirname(options.file), { recursive: true });
    sqlite = new Database(options.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    // The serving thread checkpoints only past 10,000 pages (40 MB): the background thread does it sooner.
    if (background) sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
    if (options.cacheKb !== undefined) sqlite.pragma(`cache_size = -${Math.max(64, Math.floor(options.cacheKb))}`);
    // Write access is checked now, not at the first publish.
    sqlite.exec('BEGIN IMMEDIATE; ROLLBACK;');
  } catch (error) {
    throw new AppError('STORE_UNAVAILABLE', `cannot open the SQLite store at ${options.file}: ${(error as Error).message}`, { file: options.file }, { cause: error });
  }
  const checkpoint = background ? startBackgroundCheckpoint(options.file) : null;
  const queryObservers = createQueryObservers();
  const cacheSize = options.searchCandidateCache ?? SEARCH_CANDIDATE_CACHE;
  const candidateCache = cacheSize > 0 ? createCandidateCache(cacheSize) : undefined;
  const candidateReader = createCandidateReader(sqlite, queryObservers.timed);
  const connection = withCachedStatements(sqlite);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: connection }), log: queryObservers.log });
  registerDirectExecutor(db, createDirectExecutor(connection, () => sqlite.inTransaction, queryObservers));
  return createKyselyStore({
    db,
    queryObservers,
    capabilities: { dialect: 'sqlite', skipLocked: false, notify: false },
    search: { indexOf: (conn) => createSearchIndex(conn, candidateCache, candidateReader), analyze: options.analyze ?? defaultAnalyze() },
    ...(options.bulkAnalysis ? { bulkAnalysis: options.bulkAnalysis } : {}),
    migrationDialect: sqliteMigrationDialect,
    dialectQueries: jobQueries,
    listenForJobs: listenForJobs(),
    migrationLock: sqliteMigrationLock(sqlite),
    // One writer at a time: concurrent comment posts and rate-limit hits share a commit (decision 018).
    groupCommit: true,
    listenForPurges: listenForJobs(),
    ...(checkpoint ? { onClose: () => checkpoint.close() } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
