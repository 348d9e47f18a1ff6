import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../../errors/AppError.js';
import { defaultAnalyze } from '../shared/search/defaultAnalyze.js';
import type { Store } from '../ports.js';
import { createSearchIndex } from './search.js';
import { createKyselyStore } from '../shared/createKyselyStore.js';
import { createQueryObservers } from '../shared/queryObservers.js';
import type { OpenBulkAnalysis } from '../../search/analysisWorkers.js';
import type { AnalyzeDocument } from '../shared/search/syncArticleSearch.js';
import type { Database as Schema } from '../shared/schema.js';
import { jobQueries, PURGES_CHANNEL } from './jobQueries.js';
import { listenForChannel } from './listenForChannel.js';
import { listenForJobs } from './listenForJobs.js';
import { postgresMigrationDialect } from './migrationDialect.js';
import { poolWithUnavailableErrors } from './poolWithUnavailableErrors.js';

export interface PostgresStoreOptions {
  connectionString: string;
  /** Schema to use instead of `public` (tests run each suite in its own schema). */
  schema?: string;
  poolSize?: number;
  now?: () => Date;
  /** How articles become index terms (default: the Arabic analyzer with no extra variants). */
  analyze?: AnalyzeDocument;
  /** Worker threads for rebuilds (`analysisWorkers`, with the options of the analyzer `analyze` runs); none: inline. */
  bulkAnalysis?: OpenBulkAnalysis;
}

/** The scale store: a pg pool; connection failures surface as STORE_UNAVAILABLE at start-up. */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries report their own errors.
  });
  let schema: string;
  try {
    const client = await pool.connect();
    try {
      if (options.schema) await client.query(`create schema if not exists "${options.schema.replace(/"/g, '')}"`);
      schema = options.schema ?? String((await client.query<{ s: string }>('select current_schema() as s')).rows[0]?.s ?? 'public');
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw new AppError('STORE_UNAVAILABLE', `cannot connect to PostgreSQL (${redact(options.connectionString)}): ${(error as Error).message}`, {}, { cause: error });
  }
  const queryObservers = createQueryObservers();
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: poolWithUnavailableErrors(pool) }), log: queryObservers.log });
  return createKyselyStore({
    db,
    queryObservers,
    capabilities: { dialect: 'postgres', skipLocked: true, notify: true },
    search: { indexOf: createSearchIndex, analyze: options.analyze ?? defaultAnalyze() },
    ...(options.bulkAnalysis ? { bulkAnalysis: options.bulkAnalysis } : {}),
    migrationDialect: postgresMigrationDialect,
    dialectQueries: jobQueries,
    listenForJobs: listenForJobs(options.connectionString),
    listenForPurges: listenForChannel(options.connectionString, PURGES_CHANNEL),
    // Kysely looks for its tables in every schema unless told which one is ours.
    migrationSchema: schema,
    ...(options.now ? { now: options.now } : {}),
  });
}

/** The connection string without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'an unparsable DATABASE_URL';
  }
}
