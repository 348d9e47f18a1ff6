import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { ResolvedConfig } from './config/loadConfig.js';
import { demoContent } from './demo/content.js';
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
import { openStore } from './store/openStore.js';
import type { Store } from './store/ports.js';
import type { AdminRouteModule } from './web/admin-api/registerAdminApi.js';
import { commentRoutes } from './web/admin-api/commentRoutes.js';
import { mediaRoutes } from './web/admin-api/mediaRoutes.js';
import { createBackgroundTasks } from './lib/backgroundTasks.js';
import { createConcurrencyGate } from './lib/concurrencyGate.js';
import type { MediaDeps } from './operations/media/MediaDeps.js';
import { createApp } from './web/createApp.js';
import { commentKeysFrom, type CommentDeps } from './operations/comments/CommentDeps.js';
import { createRedisRateLimiter } from './ratelimit/createRedisRateLimiter.js';
import { createStoreRateLimiter } from './ratelimit/createStoreRateLimiter.js';

export interface Khabar {
  app: FastifyInstance;
  store: Store;
  /** Writes buffered "most read" counts now (they are written every 10 s otherwise). */
  flushViews(): Promise<void>;
  /** Resolves once work started after responses (AVIF copies of uploads) has ended. */
  settle(): Promise<void>;
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
}

/** The one line that tells an operator of a site without accounts how to create the first admin. */
export const FIRST_ADMIN_HINT = 'no user yet: create the first admin with `khabar user create --email you@example.ma --name "Your Name" --role admin`';

export function createLogger(config: ResolvedConfig): Logger {
  return pino({ level: config.logLevel, base: { app: 'khabar' } });
}

/** Loads the demo site into an empty store; returns null when the store already has content. */
export async function loadDemoIfEmpty(store: Store, config: ResolvedConfig, now: () => Date): Promise<DemoReport | null> {
  if (!(await isStoreEmpty(store))) return null;
  return loadDemo({ store, media: createLocalMediaStorage(mediaRootOf(config)), imagesDir: path.join(assetsDir, 'demo'), now }, demoContent);
}

export function mediaRootOf(config: ResolvedConfig): string {
  return path.join(config.dataDir, 'media');
}

/**
 * The composition root: config → store → operations' dependencies → HTTP app. Nothing listens
 * yet; `startServer` does that, tests call `app.inject`.
 */
export async function buildKhabar(options: BuildOptions): Promise<Khabar> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config);
  const now = options.now ?? (() => new Date());
  const store = options.store ?? (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, now }));
  try {
    if (options.migrate !== false) await store.migrate();
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
  const site = createSiteSettingsSource({ config: config.site, settings: store.settings, contentVersion });
  const sections = createSectionDirectory({ sections: store.sections, contentVersion });
  const memo = createReadMemo({ contentVersion, enabled: config.readMemo });
  const reading: ReadingDeps = { store, site, sections, now };
  const viewCounter = createViewCounter({
    articles: store.articles,
    now,
    onError: (error) => logger.warn({ err: error }, 'view counts not written'),
  });
  const media = createLocalMediaStorage(mediaRootOf(config));
  const limiter =
    options.rateLimiter ?? (config.redisUrl ? createRedisRateLimiter({ url: config.redisUrl }) : createStoreRateLimiter({ rateLimits: store.rateLimits, now }));
  const comments: CommentDeps = { store, limiter, site, limits: config.limits, keys: commentKeysFrom(store.secrets), now };
  const policy = accountsPolicyOf(config);
  const accounts: AccountsDeps = { store, passwords: createArgon2PasswordHasher(), limiter, policy, now, baseUrl: config.baseUrl };
  const mediaDeps: MediaDeps = { store, storage: media, limits: config.media, now, imageGate: createConcurrencyGate(2) };
  const mediaTasks = createBackgroundTasks({ onError: (name, error) => logger.error({ err: error }, `${name} failed`) });
  const admin = { accounts, baseUrl: config.baseUrl, cookie: { alwaysSecure: config.accounts.secureCookies, maxAgeMs: policy.sessionMaxMs } };
  const app = await createApp({
    config,
    store,
    reading,
    memo,
    media,
    mediaRoot: mediaRootOf(config),
    viewCounter,
    comments,
    logger,
    now,
    admin,
    adminRoutes: [commentRoutes(comments), mediaRoutes(mediaDeps, { avif: config.media.avif, tasks: mediaTasks }), ...(options.adminRoutes ?? [])],
  });
  let closed = false;
  return {
    app,
    store,
    flushViews: () => viewCounter.flush(),
    settle: () => mediaTasks.idle(),
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await mediaTasks.idle();
      await viewCounter.close();
      if (!options.rateLimiter) await limiter.close();
      if (!options.store) await store.close();
    },
  };
}
