import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { ResolvedConfig } from './config/loadConfig.js';
import { demoContent } from './demo/content.js';
import { createLocalMediaStorage } from './media/createLocalMediaStorage.js';
import { isStoreEmpty, loadDemo, type DemoReport } from './operations/demo/loadDemo.js';
import type { ReadingDeps } from './operations/reading/ReadingDeps.js';
import { createReadMemo } from './operations/reading/createReadMemo.js';
import { createViewCounter } from './operations/reading/viewCounter.js';
import { createSectionDirectory } from './operations/site/sectionDirectory.js';
import { createSiteSettingsSource } from './operations/site/siteSettings.js';
import { assetsDir } from './paths.js';
import type { RateLimiter } from './ratelimit/RateLimiter.js';
import { createSiteAnalyzer } from './search/createSiteAnalyzer.js';
import { createVocabularyCache } from './search/createVocabularyCache.js';
import { ensureSearchIndex } from './search/ensureSearchIndex.js';
import { openStore } from './store/openStore.js';
import type { Store } from './store/ports.js';
import { createApp } from './web/createApp.js';

export interface Khabar {
  app: FastifyInstance;
  store: Store;
  /** Writes buffered "most read" counts now (they are written every 10 s otherwise). */
  flushViews(): Promise<void>;
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
  /** Limits searches (and later comments, logins) per client; none: not limited. */
  rateLimiter?: RateLimiter;
}

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
  const analyzer = createSiteAnalyzer(config);
  const store =
    options.store ?? (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, now, analyze: (doc) => analyzer.analyzeDocument(doc) }));
  try {
    if (options.migrate !== false) {
      await store.migrate();
      const indexed = await ensureSearchIndex(store);
      if (indexed > 0) logger.info({ indexed }, 'search index was empty: built from the published articles');
    }
    if (options.demo ?? config.demo) {
      const report = await loadDemoIfEmpty(store, config, now);
      if (report) logger.info({ demo: report }, 'empty store: demo content loaded');
    }
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
  const search = {
    store,
    analyzer,
    vocabulary: createVocabularyCache({ search: store.search, contentVersion }),
    settings: config.search,
    now,
  };
  const app = await createApp({
    config,
    store,
    reading,
    memo,
    media,
    mediaRoot: mediaRootOf(config),
    viewCounter,
    logger,
    now,
    search,
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
  });
  let closed = false;
  return {
    app,
    store,
    flushViews: () => viewCounter.flush(),
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await viewCounter.close();
      if (!options.store) await store.close();
    },
  };
}
