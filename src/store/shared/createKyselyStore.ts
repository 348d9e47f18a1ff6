import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { AppError } from '../../errors/AppError.js';
import type { Capabilities, IndexedText, SearchDocument, Store } from '../ports.js';
import { contentVersionReader } from './contentVersion.js';
import { createPurgeLog, recordPurge, registerPurgeTarget, transactionWithPurges } from './purgeLog.js';
import type { PurgeRecord } from '../ports.js';
import type { OpenBulkAnalysis } from '../../search/analysisWorkers.js';
import { createRepositories, type SearchWiring } from './createRepositories.js';
import { allMigrations } from './migrations/index.js';
import type { MigrationDialect } from './migrations/MigrationDialect.js';
import type { Database } from './schema.js';
import { indexableArticles, syncArticleSearch, type IndexableArticle } from './search/syncArticleSearch.js';
import type { DialectQueries } from './dialectQueries.js';
import type { QueryObservers } from './queryObservers.js';
import { createGroupCommit, separateTransactions, withinTransaction } from './groupCommit.js';

export interface KyselyStoreOptions {
  db: Kysely<Database>;
  capabilities: Capabilities;
  migrationDialect: MigrationDialect;
  /** The adapter's dialect-specific queries (job claims). */
  dialectQueries: DialectQueries;
  /** The adapter's job notifications (see Store.onJobsQueued). */
  listenForJobs: (wake: () => void) => Promise<() => Promise<void>>;
  /** The adapter's purge notifications (see Store.onPurgesLogged). */
  listenForPurges: (wake: () => void) => Promise<() => Promise<void>>;
  now?: () => Date;
  /** Schema holding the migration tables (PostgreSQL); tables of the same name elsewhere are not ours. */
  migrationSchema?: string;
  /** The dialect's search index and the analyzer that feeds it. */
  search: SearchWiring;
  /** Analysis off the main thread for rebuilds (reindex); without it the rebuild analyses inline. */
  bulkAnalysis?: OpenBulkAnalysis;
  /**
   * Concurrent small writes (comments, rate-limit hits) share one transaction and one commit
   * (groupCommit.ts): for a store with a single writer (SQLite). Default: each its own transaction.
   */
  groupCommit?: boolean;
  /** Extra clean-up after the Kysely instance is destroyed. */
  onClose?: () => Promise<void> | void;
  /**
   * Holds the store's write lock around a whole migration run, where the migrator's own lock does
   * not cover another process (SQLite). PostgreSQL needs none: Kysely takes an advisory lock.
   */
  migrationLock?: <T>(work: () => Promise<T>) => Promise<T>;
  /** The observers the adapter's Kysely `log` option feeds (Store.observeQueries). */
  queryObservers: QueryObservers;
}

class MigrationFailed extends Error {
  constructor(readonly outcome: MigrationResultSet) {
    super('migration failed');
  }
}

/** The tables a bulk write (an import) fills: what `updateStatistics` refreshes. */
const CONTENT_TABLES = [
  'articles',
  'article_sections',
  'article_tags',
  'article_authors',
  'article_revisions',
  'comments',
  'sections',
  'tags',
  'authors',
  'users',
  'pages',
  'media',
  'redirects',
  'import_keys',
  'search_documents',
  'search_vocabulary',
] as const;

/** The Store over a Kysely instance; adapters only supply the dialect and its capabilities. */
export function createKyselyStore(options: KyselyStoreOptions): Store {
  const { db, capabilities } = options;
  const now = options.now ?? (() => new Date());
  const writes = options.groupCommit ? createGroupCommit(db) : separateTransactions(db);
  const migrations = allMigrations(options.migrationDialect);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'khabar_migrations',
    migrationLockTableName: 'khabar_migrations_lock',
    // Features land in parallel branches with reserved numbers (a store may have 006 before 005);
    // each migration touches only its own tables, so applying a late lower number is safe.
    allowUnorderedMigrations: true,
    ...(options.migrationSchema ? { migrationTableSchema: options.migrationSchema } : {}),
  });

  const purgeListeners = new Set<(record: PurgeRecord) => void>();
  registerPurgeTarget(db, {
    emit(record) {
      for (const listener of purgeListeners) listener(record);
    },
    signal: (conn) => options.dialectQueries.signalPurge(conn),
  });

  return {
    ...createRepositories(db, now, false, options.search, options.dialectQueries, writes),
    capabilities,
    contentVersion: contentVersionReader(db),
    purges: createPurgeLog(db, now),
    onPurge(listener) {
      purgeListeners.add(listener);
      return () => purgeListeners.delete(listener);
    },
    onPurgesLogged: options.listenForPurges,
    transaction(work) {
      return transactionWithPurges(db, async (trx) => {
        const pending = new Set<number>();
        const result = await work(createRepositories(trx, now, true, options.search, options.dialectQueries, withinTransaction(trx), pending));
        // Articles written in this transaction are indexed in bulk before it commits.
        if (pending.size > 0) await syncArticleSearch(trx, options.search.indexOf(trx), options.search.analyze, pending);
        return result;
      });
    },
    async reindex(reindexOptions = {}) {
      const batchSize = reindexOptions.batchSize ?? 500;
      const analyze = options.search.analyze;
      const bulk = options.bulkAnalysis?.();
      try {
        // rebuild runs inside one transaction: readers keep the old index until the new one commits.
        const indexed = await transactionWithPurges(db, async (trx) => {
          const index = options.search.indexOf(trx);
          let last = 0;
          /**
           * The next batch of published articles (by id), or null after the last one. The ids are
           * read by primary key alone and the status is checked with the text (indexableArticles):
           * with `status = 'published'` in this query SQLite took the status index and sorted every
           * published id for each batch (1.9 ms a batch at 20,000 articles, 7.5–8.7 ms at 100,000).
           */
          const read = async (): Promise<{ ids: number; docs: Array<[number, IndexableArticle]> } | null> => {
            for (;;) {
              const ids = (await trx.selectFrom('articles').select('id').where('id', '>', last).orderBy('id').limit(batchSize).execute()).map((r) => Number(r.id));
              if (ids.length === 0) return null;
              last = ids[ids.length - 1]!;
              const docs = [...(await indexableArticles(trx, ids))];
              if (docs.length > 0) return { ids: docs.length, docs };
            }
          };
          const toDocuments = (docs: ReadonlyArray<[number, IndexableArticle]>, texts: readonly IndexedText[]): SearchDocument[] =>
            docs.map(([articleId, doc], i) => ({ articleId, publishedAt: doc.publishedAt, text: texts[i]! }));
          async function* batches(): AsyncGenerator<SearchDocument[]> {
            let done = 0;
            if (!bulk) {
              for (let batch = await read(); batch; batch = await read()) {
                yield toDocuments(batch.docs, batch.docs.map(([, doc]) => analyze(doc)));
                done += batch.ids;
                reindexOptions.onProgress?.(done);
              }
              return;
            }
            // Decision 027: up to `depth` batches are read ahead and analysed by the workers while
            // the store writes the batch yielded before; results come back in id order.
            const ahead: Array<{ ids: number; documents: Promise<SearchDocument[]> }> = [];
            let exhausted = false;
            for (;;) {
              while (!exhausted && ahead.length < bulk.depth) {
                const batch = await read();
                if (!batch) {
                  exhausted = true;
                  break;
                }
                const documents = bulk.analyze(batch.docs.map(([, doc]) => doc)).then((texts) => toDocuments(batch.docs, texts));
                documents.catch(() => {}); // awaited below in order; a failure must not go unhandled meanwhile
                ahead.push({ ids: batch.ids, documents });
              }
              const next = ahead.shift();
              if (!next) return;
              yield await next.documents;
              done += next.ids;
              reindexOptions.onProgress?.(done);
            }
          }
          const count = await index.rebuild(batches());
          await recordPurge(trx, ['search'], now);
          return count;
        });
        return { indexed };
      } finally {
        await bulk?.close();
      }
    },
    updateStatistics: () => options.dialectQueries.refreshStatistics(db, CONTENT_TABLES),
    onJobsQueued: options.listenForJobs,
    observeQueries: options.queryObservers.subscribe,
    async migrate() {
      const lock = options.migrationLock ?? ((work) => work());
      // A failed run throws inside the lock, so SQLite rolls the whole run back.
      const { error, results } = await lock(async () => {
        const outcome = await migrator.migrateToLatest();
        if (outcome.error) throw new MigrationFailed(outcome);
        return outcome;
      }).catch((failure: unknown) => {
        if (failure instanceof MigrationFailed) return failure.outcome;
        throw failure;
      });
      if (error) {
        const failed = results?.find((r) => r.status === 'Error');
        const known = Object.keys(migrations);
        const message = error instanceof Error ? error.message : String(error);
        if (/corrupted migrations|missing/i.test(message)) {
          throw new AppError('STORE_SCHEMA_NEWER', `the store has migrations this version does not know (it knows ${known.join(', ')}): upgrade Khabar`, {}, { cause: error });
        }
        throw new AppError('STORE_UNAVAILABLE', `migration ${failed?.migrationName ?? ''} failed: ${message}`, {}, { cause: error });
      }
    },
    async checkReady() {
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        throw new AppError('STORE_UNAVAILABLE', `the store does not answer: ${(error as Error).message}`, {}, { cause: error });
      }
      const known = Object.keys(migrations);
      const applied = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined).map((m) => m.name);
      let recorded: string[] = [];
      try {
        const table = options.migrationSchema ? sql.table(`${options.migrationSchema}.khabar_migrations`) : sql.table('khabar_migrations');
        recorded = (await sql<{ name: string }>`select name from ${table}`.execute(db)).rows.map((r) => r.name);
      } catch {
        recorded = []; // no migration table yet: everything is pending
      }
      const unknown = recorded.filter((name) => !known.includes(name));
      if (unknown.length > 0) {
        throw new AppError('STORE_SCHEMA_NEWER', `the store has migrations this version does not know (${unknown.join(', ')}): upgrade Khabar`, { unknown });
      }
      const pending = known.filter((name) => !applied.includes(name));
      if (pending.length > 0) {
        throw new AppError('STORE_UNAVAILABLE', `migrations pending: ${pending.join(', ')} (run khabar migrate)`, { pending });
      }
    },
    async close() {
      await db.destroy();
      await options.onClose?.();
    },
  };
}
