import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../errors/AppError.js';
import { defaultAnalyze } from '../shared/search/defaultAnalyze.js';
import type { Store } from '../ports.js';
import { createSearchIndex } from './search.js';
import { createKyselyStore } from '../shared/createKyselyStore.js';
import type { AnalyzeDocument } from '../shared/search/syncArticleSearch.js';
import type { Database as Schema } from '../shared/schema.js';
import { withCachedStatements } from './cachedStatements.js';
import { jobQueries } from './jobQueries.js';
import { listenForJobs } from './listenForJobs.js';
import { sqliteMigrationDialect } from './migrationDialect.js';

export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  now?: () => Date;
  /** How articles become index terms (default: the Arabic analyzer with no extra variants). */
  analyze?: AnalyzeDocument;
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
    // Write access is checked now, not at the first publish.
    sqlite.exec('BEGIN IMMEDIATE; ROLLBACK;');
  } catch (error) {
    throw new AppError('STORE_UNAVAILABLE', `cannot open the SQLite store at ${options.file}: ${(error as Error).message}`, { file: options.file }, { cause: error });
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withCachedStatements(sqlite) }) });
  return createKyselyStore({
    db,
    capabilities: { dialect: 'sqlite', skipLocked: false, notify: false },
    search: { indexOf: createSearchIndex, analyze: options.analyze ?? defaultAnalyze() },
    migrationDialect: sqliteMigrationDialect,
    dialectQueries: jobQueries,
    listenForJobs: listenForJobs(),
    listenForPurges: listenForJobs(),
    ...(options.now ? { now: options.now } : {}),
  });
}
