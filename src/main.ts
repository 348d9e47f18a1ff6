import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { ResolvedConfig } from './config/loadConfig.js';
import { mediaRootOf } from './media/mediaRootOf.js';
import { demoContent } from './demo/content.js';
import { isAppError } from './errors/AppError.js';
import { createLocalMediaStorage } from './media/createLocalMediaStorage.js';
import type { AccountsDeps } from './operations/accounts/AccountsDeps.js';
import { accountsPolicyOf } from './operations/accounts/accountsPolicy.js';
import { createArgon2PasswordHasher } from './operations/accounts/passwordHasher.js';
import { isStoreEmpty, loadDemo, type DemoReport } from './operations/demo/loadDemo.js';
import type { ReadingDeps } from './operations/reading/ReadingDeps.js';
import { createReadMemo } from './operations/reading/createReadMemo.js';
import { createViewCounter } from './operations/reading/viewCounter.js';
import { createSectionDirectory } from './operations/site/sectionDirectory.js';
import { createSiteSettingsSource } from './operations/site/siteSettings.js';
import { assetsDir } from './paths.js';
import type { RateLimiter } from './ratelimit/RateLimiter.js';
import { createSiteAnalyzer } from './search/createSiteAnalyzer.js';
import { siteAnalysisWorkers } from './search/siteAnalysisWorkers.js';
import { createVocabularyCache } from './search/createVocabularyCache.js';
import { ensureSearchIndex } from './search/ensureSearchIndex.js';
import { openStore } from './store/openStore.js';
import type { Store } from './store/ports.js';
import type { AdminRouteModule } from './web/admin-api/registerAdminApi.js';
import { commentRoutes } from './web/admin-api/commentRoutes.js';
import type { AdminApp } from './web/admin-app/loadAdminApp.js';
import { mediaRoutes } from './web/admin-api/mediaRoutes.js';
import { createConcurrencyGate } from './lib/concurrencyGate.js';
import type { MediaDeps } from './operations/media/MediaDeps.js';
import { createApp } from './web/createApp.js';
import { createOutboundFetch, type OutboundFetch } from './net/createOutboundFetch.js';
import { parseWebSubPing, pingWebSubHub, WEBSUB_JOB } from './operations/distribution/webSub.js';
import { createMetrics, type Metrics } from './web/metrics.js';
import { readQueueStats } from './jobs/readQueueStats.js';
import { CDN_PURGE_JOB, enqueueCdnPurge, type EnqueueCdnPurgeDeps } from './operations/cdn/enqueueCdnPurge.js';
import { cdnPurgeHandler } from './operations/cdn/cdnPurgeHandler.js';
import { createStorePurgeBus } from './cache/createStorePurgeBus.js';
import { keyedVersion } from './cache/keyedVersion.js';
import { createFrameLists } from './operations/reading/frameLists.js';
import type { PurgeBus } from './cache/PurgeBus.js';
import { surrogateKey } from './domain/surrogateKeys.js';
import { createPageCache } from './web/cache/createPageCache.js';
import { commentKeysFrom, type CommentDeps } from './operations/comments/CommentDeps.js';
import { createRedisRateLimiter } from './ratelimit/createRedisRateLimiter.js';
import { createStoreRateLimiter } from './ratelimit/createStoreRateLimiter.js';
import type { ArticleDeps } from './operations/articles/ArticleDeps.js';
import { publishScheduled } from './operations/articles/publishScheduled.js';
import { PUBLISH_JOB } from './operations/articles/publishJob.js';
import { AVIF_JOB, avifJobKey } from './operations/media/avifJob.js';
import { generateAvifVariants } from './operations/media/generateAvifVariants.js';
import { createJobWorker, type JobWorker } from './jobs/createJobWorker.js';
import { createSmtpMailer } from './mail/createSmtpMailer.js';
import { INVITATION_EMAIL_JOB, invitationEmailHandler } from './operations/accounts/invitationEmailJob.js';
import { articleRoutes } from './web/admin-api/articleRoutes.js';
import { settingsRoutes } from './web/admin-api/settingsRoutes.js';
import { taxonomyRoutes } from './web/admin-api/taxonomyRoutes.js';
import { importRoutes } from './web/admin-api/importRoutes.js';
import { WORDPRESS_IMPORT_JOB, type ImportRunDeps } from './operations/importing/ImportRunDeps.js';
import { createWordpressImportRunner } from './operations/importing/runWordpressImport.js';

export interface Khabar {
  app: FastifyInstance;
  store: Store;
  /** What reading operations (pages, feeds, sitemaps) read through: the store with its memoized settings and sections. */
  reading: ReadingDeps;
  /** Purges of every process and node (the page cache, read memo and CDN purgers subscribe). */
  purges: PurgeBus;
  /** The job worker this node runs (scheduled publishing); stopped by close(). */
  jobs: JobWorker;
  /** Writes buffered "most read" counts now (they are written every 10 s otherwise). */
  flushViews(): Promise<void>;
  /** The guarded client for requests to other servers (WebSub, oEmbed, CDN purge): nothing else may fetch. */
  outbound: OutboundFetch;
  /** Resolves once work started after responses (AVIF copies of uploads) has ended. */
  settle(): Promise<void>;
  /**
   * Queues the purge of these surrogate keys at every configured CDN/Varnish endpoint (durable,
   * retried). The page cache's purge bus calls it for every change.
   */
  purgeCdn(keys: readonly string[]): Promise<number>;
  /** This node's Prometheus metrics (the page cache and purges increment theirs). */
  metrics: Metrics;
  /** Flushes counters, stops the server, closes the store. */
  close(): Promise<void>;
}

export interface BuildOptions {
  config: ResolvedConfig;
  logger?: Logger;
  /** Injected clock (tests). */
  now?: () => Date;
  /** An already open store (tests); otherwise opened from the config. */
  store?: Store;
  /** Load the demo site when the store is empty (default: config.demo). */
  demo?: boolean;
  /** Run migrations before serving (default true; the CLI's `migrate` runs them on their own). */
  migrate?: boolean;
  /** Login, comment and search limits; default: Redis when REDIS_URL is set, the store otherwise. */
  rateLimiter?: RateLimiter;
  /** Extra route modules mounted inside the admin API (see registerAdminApi). */
  adminRoutes?: readonly AdminRouteModule[];
  /** The built admin app (default: read from dist-admin/; null: serve /admin as "not built"). */
  adminApp?: AdminApp | null;
  /** Run this node's job worker (default true). */
  jobs?: boolean;
  /** The worker's poll period (default 1000 ms). */
  jobPollMs?: number;
}

/** The one line that tells an operator of a site without accounts how to create the first admin. */
export const FIRST_ADMIN_HINT = 'no user yet: create the first admin with `khabar user create --email you@example.ma --name "Your Name" --role admin`';

export function createLogger(config: ResolvedConfig): Logger {
  return pino({ level: config.logLevel, base: { app: 'khabar' } });
}

/**
 * A node that does not migrate (a cluster worker, a node started with `migrate: false`) still
 * refuses a store that a newer Khabar migrated: it would read columns it does not know. Pending
 * migrations are left to `khabar migrate`; /readyz reports them.
 */
export async function refuseNewerSchema(store: Store): Promise<void> {
  await store.checkReady().catch((error: unknown) => {
    if (isAppError(error) && error.code === 'STORE_SCHEMA_NEWER') throw error;
  });
}

/** Loads the demo site into an empty store; returns null when the store already has content. */
export async function loadDemoIfEmpty(store: Store, config: ResolvedConfig, now: () => Date): Promise<DemoReport | null> {
  if (!(await isStoreEmpty(store))) return null;
  return loadDemo({ store, media: createLocalMediaStorage(mediaRootOf(config)), imagesDir: path.join(assetsDir, 'demo'), now }, demoContent);
}

/**
 * The composition root: config → store → operations' dependencies → HTTP app. Nothing listens
 * yet; `startServer` does that, tests call `app.inject`.
 */
export async function buildKhabar(options: BuildOptions): Promise<Khabar> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config);
  const now = options.now ?? (() => new Date());
  const analyzer = createSiteAnalyzer(config);
  const store =
    options.store ?? (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, now, analyze: (doc) => analyzer.analyzeDocument(doc), bulkAnalysis: siteAnalysisWorkers(config), backgroundCheckpoint: true }));
  try {
    if (options.migrate !== false) {
      await store.migrate();
      const indexed = await ensureSearchIndex(store);
      if (indexed > 0) logger.info({ indexed }, 'search index was incomplete: rebuilt from the published articles');
    } else {
      await refuseNewerSchema(store);
    }
    if (options.demo ?? config.demo) {
      const report = await loadDemoIfEmpty(store, config, now);
      if (report) logger.info({ demo: report }, 'empty store: demo content loaded');
    }
    // Worker processes (migrate: false) leave the hint to the primary that migrated.
    if (options.migrate !== false && (await store.users.count()) === 0) logger.warn(FIRST_ADMIN_HINT);
  } catch (error) {
    if (!options.store) await store.close().catch(() => {});
    throw error;
  }
  const contentVersion = () => store.contentVersion();
  // Purges from this process (after commit) and from every other one (the store's purge log).
  const purges = await createStorePurgeBus({
    store,
    pollMs: store.capabilities.notify ? 1000 : config.pageCache.pollMs,
    onError: (error) => logger.warn({ err: error }, 'purge log not read'),
  });
  const subscribe = purges.subscribe;
  const site = createSiteSettingsSource({ config: config.site, settings: store.settings, contentVersion: keyedVersion(subscribe, (key) => key === surrogateKey.settings) });
  const sections = createSectionDirectory({ sections: store.sections, contentVersion: keyedVersion(subscribe, (key) => key === surrogateKey.sectionTree) });
  // With the page cache on, the memo only serves misses and bypasses (and would hold a second copy of
  // every article's bytes, memoised on its data): 200 entries. Without it, the memo is the cache.
  const memo = createReadMemo({ subscribe, enabled: config.readMemo, maxEntries: config.pageCache.enabled ? 200 : 1000 });
  const pageCache = config.pageCache.enabled
    ? createPageCache({ maxBytes: config.pageCache.maxBytes, onError: (error) => logger.error({ err: error }, 'page re-render failed') })
    : null;
  if (pageCache) subscribe((keys) => pageCache.purge(keys));
  const reading: ReadingDeps = { store, site, sections, frameLists: createFrameLists({ store, subscribe }), now };
  // What every page shows around its content, read now rather than by the first reader: then an
  // uncached page costs only its own round-trips (docs/decisions/020-store-round-trips.md). A
  // failure here is retried by the first request.
  await Promise.all([site.get(), sections.get(), reading.frameLists.get()]).catch(() => {});
  const viewCounter = createViewCounter({
    articles: store.articles,
    now,
    onError: (error) => logger.warn({ err: error }, 'view counts not written'),
  });
  const media = createLocalMediaStorage(mediaRootOf(config));
  const limiter =
    options.rateLimiter ?? (config.redisUrl ? createRedisRateLimiter({ url: config.redisUrl }) : createStoreRateLimiter({ rateLimits: store.rateLimits, now }));
  const comments: CommentDeps = { store, limiter, site, limits: config.limits, keys: commentKeysFrom(store.secrets), now };
  // The comment keys are per-process constants: read (or created) now rather than on a reader's
  // first article page (a failure here is retried on first use).
  await comments.keys().catch(() => {});
  const policy = accountsPolicyOf(config);
  // SMTP only when configured; the host is the operator's choice, so the outbound address guard (HTTP) does not apply (decision 022).
  const { smtpUrl, from } = config.mail;
  const mailer = smtpUrl && from ? createSmtpMailer({ smtpUrl, from, timeoutMs: config.mail.timeoutMs }) : null;
  const accounts: AccountsDeps = {
    store,
    passwords: createArgon2PasswordHasher(),
    limiter,
    policy,
    now,
    baseUrl: config.baseUrl,
    invitationEmail: mailer
      ? {
          attempts: config.mail.attempts,
          backoffMs: config.mail.backoffMs,
          wake: () => {
            if (options.jobs !== false) void jobs.runDue();
          },
        }
      : null,
  };
  const articles: ArticleDeps = { store, site, sections, now, baseUrl: config.baseUrl, websubHubs: config.websub.hubs };
  const mediaDeps: MediaDeps = { store, storage: media, limits: config.media, now, imageGate: createConcurrencyGate(2) };
  const importDeps: ImportRunDeps = {
    store,
    importsDir: path.join(config.dataDir, 'imports'),
    site: config.site,
    media: mediaDeps,
    now,
    wake: () => {
      if (options.jobs !== false) void importJobs.runDue();
    },
  };
  const importRunner = createWordpressImportRunner(importDeps, { onError: (error) => logger.error({ err: error }, 'import progress or run failed') });
  const admin = { accounts, baseUrl: config.baseUrl, cookie: { alwaysSecure: config.accounts.secureCookies, maxAgeMs: policy.sessionMaxMs } };
  const search = {
    store,
    analyzer,
    vocabulary: createVocabularyCache({ search: store.search, contentVersion }),
    settings: config.search,
    now,
  };
  const metrics = createMetrics({ queue: () => readQueueStats(store.jobs, now) });
  const app = await createApp({
    config,
    metrics,
    store,
    reading,
    memo,
    pageCache,
    purges,
    media,
    mediaRoot: mediaRootOf(config),
    viewCounter,
    comments,
    logger,
    now,
    admin,
    adminRoutes: [
      commentRoutes(comments),
      articleRoutes(articles),
      taxonomyRoutes({ store }),
      settingsRoutes({ store, config: config.site }),
      mediaRoutes(mediaDeps, {
        avif: config.media.avif,
        queueAvif: async (mediaId) => {
          await store.jobs.enqueue({ kind: AVIF_JOB, payload: { mediaId }, runAt: now(), dedupeKey: avifJobKey(mediaId) });
        },
      }),
      importRoutes(importDeps, { maxUploadBytes: config.imports.maxUploadBytes, runner: importRunner }),
      ...(options.adminRoutes ?? []),
    ],
    ...(options.adminApp !== undefined ? { adminApp: options.adminApp } : {}),
    search,
    rateLimiter: limiter,
  });
  const outbound = createOutboundFetch({ ...config.outbound, userAgent: `Khabar (+${config.baseUrl})` });
  const cdnPurge: EnqueueCdnPurgeDeps = {
    jobs: store.jobs,
    endpoints: config.cdn.purgeEndpoints,
    attempts: config.cdn.purgeAttempts,
    backoffMs: config.cdn.purgeBackoffMs,
    now,
    wake: () => void jobs.runDue(),
  };
  // The node that made a change tells the CDN/Varnish (once: other nodes' purges arrive through the log, not here).
  const offCdnPurges =
    config.cdn.purgeEndpoints.length > 0
      ? store.onPurge((record) => {
          enqueueCdnPurge(cdnPurge, record.keys).catch((error: unknown) => logger.error({ err: error }, 'could not queue a CDN purge'));
        })
      : () => {};
  // Imports run for minutes: a worker of their own, so scheduled publishing never waits behind one.
  // Its short lock is kept by the run's heartbeat (runWordpressImport.ts).
  const importJobs = createJobWorker({
    store,
    now,
    ...(options.jobPollMs !== undefined ? { pollMs: options.jobPollMs } : {}),
    kinds: { only: [WORDPRESS_IMPORT_JOB] },
    // No LISTEN connection of its own: the node that took the upload wakes it, others poll.
    listen: false,
    batch: 1,
    lockMs: 60_000,
    handlers: { [WORDPRESS_IMPORT_JOB]: importRunner.handler },
    onError: (error, context) => logger.error({ err: error, ...context }, 'import job failed'),
  });
  const jobs = createJobWorker({
    store,
    now,
    ...(options.jobPollMs !== undefined ? { pollMs: options.jobPollMs } : {}),
    kinds: { except: [WORDPRESS_IMPORT_JOB] },
    handlers: {
      [AVIF_JOB]: async (job) => {
        await generateAvifVariants(mediaDeps, { mediaId: Number((job.payload as { mediaId?: unknown }).mediaId) });
      },
      [INVITATION_EMAIL_JOB]: invitationEmailHandler({
        store,
        site,
        mailer,
        baseUrl: config.baseUrl,
        now,
        onOutcome: (outcome) => logger.info(outcome, outcome.outcome === 'sent' ? 'invitation email sent' : 'invitation email not sent: the invitation was used or expired'),
      }),
      [CDN_PURGE_JOB]: cdnPurgeHandler({ endpoints: config.cdn.purgeEndpoints, secret: config.cdn.purgeSecret, now, metrics, send: outbound }),
      [PUBLISH_JOB]: async (job) => {
        await publishScheduled(articles, Number((job.payload as { articleId?: unknown }).articleId));
      },
      [WEBSUB_JOB]: async (job) => {
        await pingWebSubHub(outbound, parseWebSubPing(job.payload));
      },
    },
    onError: (error, context) => logger.error({ err: error, ...context }, 'job failed'),
  });
  // Every node runs a worker; claims make that safe. Jobs due while the server was down run now.
  if (options.jobs !== false) {
    await jobs.start();
    await importJobs.start();
  }
  let closed = false;
  return {
    app,
    store,
    reading,
    purges,
    jobs,
    outbound,
    metrics,
    purgeCdn: (keys) => enqueueCdnPurge(cdnPurge, keys),
    flushViews: () => viewCounter.flush(),
    // Runs the jobs due now (AVIF copies of fresh uploads) instead of waiting for the next poll.
    settle: async () => {
      await jobs.runDue();
    },
    async close() {
      if (closed) return;
      closed = true;
      await jobs.stop();
      await importJobs.stop();
      mailer?.close();
      await app.close();
      offCdnPurges();
      await purges.close();
      await viewCounter.close();
      if (!options.rateLimiter) await limiter.close();
      if (!options.store) await store.close();
    },
  };
}
