import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config/loadConfig.js';
import { isAppError } from '../errors/AppError.js';
import type { MediaStorage } from '../media/MediaStorage.js';
import { createReadMemo, type ReadMemo } from '../operations/reading/createReadMemo.js';
import type { PurgeBus } from '../cache/PurgeBus.js';
import type { PageCache } from './cache/createPageCache.js';
import type { ReadingDeps } from '../operations/reading/ReadingDeps.js';
import type { FrameData } from '../operations/reading/readFrame.js';
import { readFrame } from '../operations/reading/readFrame.js';
import type { ViewCounter } from '../operations/reading/viewCounter.js';
import { indexSections } from '../operations/site/sectionDirectory.js';
import { mergeSiteSettings } from '../operations/site/siteSettings.js';
import type { RateLimiter } from '../ratelimit/RateLimiter.js';
import type { SearchDeps } from '../search/searchArticles.js';
import type { Store } from '../store/ports.js';
import type { CommentDeps } from '../operations/comments/CommentDeps.js';
import { registerCommentRoutes } from './public/registerCommentRoutes.js';
import type { ErrorPageView } from '../views/models.js';
import { renderErrorPage } from '../views/render.js';
import { registerAdminApi, type AdminApiDeps, type AdminRouteModule } from './admin-api/registerAdminApi.js';
import { loadAdminApp, type AdminApp } from './admin-app/loadAdminApp.js';
import { registerAdminApp } from './admin-app/registerAdminApp.js';
import { adminDistDir } from '../paths.js';
import { httpStatusOf } from './errors.js';
import type { Metrics } from './metrics.js';
import { registerMetrics } from './registerMetrics.js';
import { FAVICON_PATH, loadAssets } from './loadAssets.js';
import { createPageBuilders } from './public/buildPages.js';
import { createPresenter } from './public/createPresenter.js';
import { MAX_URL_LENGTH } from './public/decodeRequestPath.js';
import { registerPreviewRoute } from './public/registerPreviewRoute.js';
import { registerPublicRoutes } from './public/registerPublicRoutes.js';
import { registerSearchRoutes } from './public/registerSearchRoutes.js';
import { registerSitemapRoutes } from './public/registerSitemapRoutes.js';
import { serverOptionsOf } from './serverOptions.js';
import { applySecurityHeaders, registerSecurityHeaders } from './securityHeaders.js';

export interface AppDeps {
  config: ResolvedConfig;
  store: Store;
  reading: ReadingDeps;
  memo: ReadMemo;
  /** The page cache of public answers; null when switched off (config pageCache.enabled). */
  pageCache: PageCache | null;
  /** Purges from every process (the search memo follows them). */
  purges: PurgeBus;
  media: MediaStorage;
  /** Folder served at /media/. */
  mediaRoot: string;
  viewCounter: ViewCounter;
  comments: CommentDeps;
  logger: Logger;
  now: () => Date;
  /** The authenticated admin API under /admin/api. */
  admin: AdminApiDeps;
  /** Route modules mounted inside the admin API's scope (comment moderation, …). */
  adminRoutes?: readonly AdminRouteModule[];
  /** The built newsroom app served at /admin (default: read from dist-admin/; null: not built). */
  adminApp?: AdminApp | null;
  /** Site search (analyzer, vocabulary, ranking settings over the store). */
  search: SearchDeps;
  /** Limits searches per client IP; search is not limited without one. */
  rateLimiter?: RateLimiter;
  /** The node's Prometheus metrics (served at /metrics when config.metrics.token is set). */
  metrics?: Metrics;
}

/**
 * The HTTP application: health endpoints, static assets, media and the public reading site.
 * Built without listening, so tests drive it in-process with `app.inject`.
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const assets = loadAssets();
  const presenter = createPresenter({
    baseUrl: deps.config.baseUrl,
    stylesheetHref: assets.stylesheetHref,
    embedsScriptHref: assets.embedsScriptHref,
    media: deps.media,
    now: deps.now,
  });
  const pages = createPageBuilders(presenter);

  /** The frame for error pages; falls back to configuration alone when the store is down. */
  async function errorFrame(): Promise<FrameData> {
    try {
      return await readFrame(deps.reading);
    } catch {
      return { settings: mergeSiteSettings(deps.config.site, undefined), sections: indexSections([]), breaking: [], footerPages: [] };
    }
  }

  async function sendErrorPage(reply: FastifyReply, status: ErrorPageView['status'], detail?: string) {
    const frame = await errorFrame();
    let latest: Awaited<ReturnType<ReadingDeps['store']['articles']['listPublished']>> = [];
    if (status === 404) latest = await deps.store.articles.listPublished({}, { limit: 5, offset: 0 }).catch(() => []);
    const html = renderErrorPage(pages.error(frame, status, latest, detail));
    return reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', status === 404 ? 'public, max-age=30' : 'no-store')
      .send(html);
  }

  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One log line per request only when asked for (debug/trace): at news traffic it is noise and cost.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(deps.config.logLevel) }),
    ...serverOptionsOf(deps.config.server),
    return503OnClosing: true,
    routerOptions: {
      maxParamLength: MAX_URL_LENGTH,
      ignoreDuplicateSlashes: false,
    },
    frameworkErrors: (error, request, reply) => {
      request.log.info({ code: error.code }, 'request refused by the router');
      applySecurityHeaders(request, reply, { hstsMaxAgeSeconds: deps.config.server.hstsMaxAgeSeconds });
      void sendErrorPage(reply, 400);
    },
  });

  // A callback hook, not an async one: it runs on every request and needs no promise.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.length > MAX_URL_LENGTH) {
      void sendErrorPage(reply, 414);
      return;
    }
    done();
  });
  registerSecurityHeaders(app, { hstsMaxAgeSeconds: deps.config.server.hstsMaxAgeSeconds });

  app.setErrorHandler(async (error, request, reply) => {
    if (isAppError(error)) {
      const status = httpStatusOf[error.code];
      if (status === 400 || status === 403 || status === 404 || status === 414 || status === 429) return sendErrorPage(reply, status);
      // The store is down (PostgreSQL restarting): answer at once and let clients and Varnish retry.
      if (status === 503) {
        request.log.warn({ code: error.code }, 'store unavailable');
        return sendErrorPage(reply.header('retry-after', '5'), 503);
      }
      request.log.error({ err: error, code: error.code }, 'request failed');
      return sendErrorPage(reply, 500);
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) return sendErrorPage(reply, 413);
    // The static file server refuses paths that climb out of its folder (`..`, encoded or not) with
    // 403: to a reader that is an address where nothing lives, and not a server fault.
    if (status === 403 || status === 404) {
      request.log.info({ code: (error as { code?: string }).code, status }, 'static file refused');
      return sendErrorPage(reply, 404);
    }
    if (status === 400 || status === 415) return sendErrorPage(reply, 400);
    request.log.error({ err: error }, 'unexpected error');
    return sendErrorPage(reply, 500);
  });

  app.setNotFoundHandler((request, reply) => sendErrorPage(reply, 404));

  app.get('/healthz', async (request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await deps.store.checkReady();
      return reply.send({ status: 'ready', store: deps.store.capabilities.dialect });
    } catch (error) {
      const code = isAppError(error) ? error.code : 'STORE_UNAVAILABLE';
      return reply.code(503).send({ status: 'unavailable', code });
    }
  });

  if (deps.metrics) registerMetrics(app, { metrics: deps.metrics, store: deps.store, token: deps.config.metrics.token });

  app.get('/favicon.ico', async (request, reply) => reply.code(301).header('location', FAVICON_PATH).send());

  app.get('/assets/*', async (request: FastifyRequest, reply) => {
    const asset = assets.files.get(request.url.split('?')[0] ?? '');
    if (!asset) return sendErrorPage(reply, 404);
    reply
      .header('content-type', asset.type)
      .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=86400')
      .header('etag', asset.etag)
      .header('access-control-allow-origin', '*');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.send(asset.body);
  });

  await app.register(fastifyStatic, {
    root: deps.mediaRoot,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    dotfiles: 'deny',
    maxAge: '7d',
  });

  await registerAdminApi(app, deps.admin, deps.adminRoutes);
  registerAdminApp(app, deps.adminApp === undefined ? loadAdminApp(adminDistDir) : deps.adminApp, (reply) => sendErrorPage(reply, 404));
  registerSitemapRoutes(app, { reading: deps.reading, memo: deps.memo, pageCache: deps.pageCache, baseUrl: deps.config.baseUrl, mediaUrlPath: (key) => deps.media.urlPath(key), sendErrorPage });
  const commentPages = await registerCommentRoutes(app, {
    comments: deps.comments,
    reading: deps.reading,
    pages,
    presenter,
    alwaysSecureCookies: deps.config.accounts.secureCookies,
    sendErrorPage,
  });
  const search = registerSearchRoutes(app, {
    reading: deps.reading,
    search: deps.search,
    presenter,
    memo: createReadMemo({ subscribe: deps.purges.subscribe, enabled: deps.config.readMemo, maxEntries: 500 }),
    ...(deps.rateLimiter ? { rateLimiter: deps.rateLimiter } : {}),
    rateLimitPerMinute: deps.config.search.rateLimitPerMinute,
  });
  registerPreviewRoute(app, { reading: deps.reading, pages, sendErrorPage });
  registerPublicRoutes(app, { ...deps, pages, sendErrorPage, articleExtras: commentPages.articleExtras, wordpressSearch: search.wordpressSearch });
  return app;
}
