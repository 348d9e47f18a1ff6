import type { ResolvedConfig } from '../../config/loadConfig.js';
import { createPermalink } from '../../domain/permalink.js';
import type { MediaDeps } from '../../operations/media/MediaDeps.js';
import { mergeSiteSettings, SITE_SETTINGS_KEY } from '../../operations/site/siteSettings.js';
import type { ImportKind, Repositories, Store } from '../../store/ports.js';
import type { BatchContext, ImportState } from './ImportContext.js';
import { AppError } from '../../errors/AppError.js';
import { emptyReport, Tally, type ReportUrl, type WordpressImportReport } from './ImportReport.js';
import { readWxr, type WxrRecord } from './readWxr.js';
import { scanWxr, type WxrScan } from './scanWxr.js';
import { putRedirect, recordMenuItem, skipComments, wantedSlug, writeAttachment, writePage, writePost } from './writeItems.js';
import { fixSectionParents, writeAuthor, writeTerm } from './writeTerms.js';
import { itemKey, toAuthor, toItem, toTerm, type WxrItem } from './wxrRecords.js';

export interface ImportWordpressDeps {
  store: Store;
  /** The site configuration (time zone and default permalink). */
  site: ResolvedConfig['site'];
  now: () => Date;
  /** The media library's dependencies; needed with `uploadsDir`. */
  media?: MediaDeps;
}

export interface ImportWordpressOptions {
  /** WordPress's `wp-content/uploads` folder: attachments are copied from it (variants made). */
  uploadsDir?: string;
  /** Read, map and count everything, write nothing (the writes run in one transaction rolled back). */
  dryRun?: boolean;
  /** Records per transaction (default 500). */
  batchSize?: number;
  /** Called as items are read: `phase` 'scan' (first pass) or 'import'; `total` is known in the second; `counts` so far, per kind (live: copy it to keep it). */
  onProgress?(phase: 'scan' | 'import' | 'index', done: number, total: number | null, counts: Readonly<WordpressImportReport['counts']>): void;
  /** Every old URL with where it goes, once its batch committed (the report keeps only the first 10,000). */
  onUrl?(url: ReportUrl): void;
  /**
   * Stops the import (the admin's Cancel, or Ctrl-C in the CLI): while the file is checked, with IMPORT_CANCELLED and
   * nothing written; while it writes, at the next batch boundary, after which the end steps run for
   * what was written (featured images, attachment pages, the search index) and the report says
   * `cancelled`.
   */
  signal?: AbortSignal;
}

class DryRunRollback extends Error {}

/**
 * From this many posts the search index is rebuilt once at the end (vocabulary counted once, as
 * `khabar reindex` does) instead of batch by batch. A run killed before that rebuild leaves the new
 * articles unsearchable until it is run again (or `khabar reindex`, or the next start of the app:
 * `ensureSearchIndex` sees fewer indexed than published articles).
 */
const INDEX_AT_END_FROM = 1000;

/** Attachment pages redirected per transaction at the end of the import. */
const ATTACHMENT_PAGES_PER_BATCH = 2000;

/** What each item kind is keyed as. */
const ITEM_KINDS: Record<string, ImportKind | undefined> = { post: 'article', page: 'page', attachment: 'media' };

/**
 * Imports a WordPress export (WXR 1.0–1.2; later versions with a warning): read → map → write.
 * A first pass reads the whole file without writing (a file that is not well-formed XML stops
 * there with its line and column, leaving the store as it was), counts it and detects the
 * permalink structure, which becomes the site's so new paths equal the old ones. The second pass
 * writes in transactions of `batchSize` records, each keyed on WordPress's ids (import_keys): a
 * re-run updates what the first wrote, and a run killed halfway is simply run again. Every row
 * is counted created / updated / skipped / failed with reasons, and every old URL is listed with
 * where it goes now.
 *
 * @example const report = await importWordpress({ store, site: config.site, now: () => new Date() }, 'export.xml');
 */
export async function importWordpress(deps: ImportWordpressDeps, file: string, options: ImportWordpressOptions = {}): Promise<WordpressImportReport> {
  const started = performance.now();
  const report = emptyReport(file, options.dryRun === true);
  const scan = await scanWxr(file, (n) => {
    if (options.signal?.aborted) throw new AppError('IMPORT_CANCELLED', 'the import was cancelled while the file was being checked: nothing was written');
    options.onProgress?.('scan', n, null, report.counts);
  });
  report.scanSeconds = (performance.now() - started) / 1000;
  report.read = scan.read;
  report.wxrVersion = scan.channel.version;
  report.warnings.push(...scan.warnings);
  report.source = (scan.channel.baseBlogUrl ?? scan.channel.link ?? '').replace(/\/+$/, '') || `wordpress:${scan.channel.title ?? 'site'}`;
  if (options.uploadsDir && !deps.media) throw new Error('importWordpress: uploadsDir needs the media dependencies');

  const run = async (store: Store, outer: Repositories | null) => {
    const state = await initialState(deps, outer ?? store, report, scan);
    await importRecords(deps, store, outer, state, scan, report, options);
  };
  if (options.dryRun) {
    try {
      await deps.store.transaction(async (tx) => {
        await run(deps.store, tx);
        throw new DryRunRollback();
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
  } else {
    await run(deps.store, null);
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** Settles the permalink structure (detected, else the site's) and writes it to the site settings. */
async function initialState(deps: ImportWordpressDeps, repos: Pick<Repositories, 'settings'>, report: WordpressImportReport, scan: WxrScan): Promise<ImportState> {
  const stored = (await repos.settings.get<Record<string, unknown>>(SITE_SETTINGS_KEY)) ?? {};
  const effective = mergeSiteSettings(deps.site, stored);
  const structure = scan.permalink.structure ?? effective.permalink;
  report.permalink = { detected: scan.permalink.structure, applied: structure, matchingPosts: scan.permalink.matching, sampledPosts: scan.permalink.total };
  if (scan.permalink.structure && scan.permalink.structure !== effective.permalink) {
    await repos.settings.set(SITE_SETTINGS_KEY, { ...stored, permalink: scan.permalink.structure });
    report.notes.push({ kind: 'redirects', wpId: null, reason: `the site's permalink structure is now ${scan.permalink.structure} (was ${effective.permalink})` });
  }
  if (!scan.permalink.structure && scan.read.postTypes.post) {
    report.warnings.push(`no permalink structure found in the posts' links (WordPress's plain ?p= links, or none): kept ${structure}; old links are redirected`);
  }
  return {
    source: report.source,
    permalink: createPermalink(structure, effective.timeZone),
    indexAtEnd: !report.dryRun && (scan.read.postTypes.post ?? 0) >= INDEX_AT_END_FROM,
    authors: new Map(),
    sections: new Map(),
    sectionsById: new Map(),
    sectionPaths: new Map(),
    tags: new Map(),
    sectionParents: new Map(),
    postPaths: new Map(),
    pendingFeatured: new Map(),
    attachmentPages: [],
    movedFiles: new Map(),
    menus: new Map(),
  };
}

async function importRecords(
  deps: ImportWordpressDeps,
  store: Store,
  outer: Repositories | null,
  state: ImportState,
  scan: WxrScan,
  report: WordpressImportReport,
  options: ImportWordpressOptions,
): Promise<void> {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const uploads = options.uploadsDir && deps.media ? { dir: options.uploadsDir, media: deps.media } : null;
  let batch: WxrRecord[] = [];
  let itemsDone = 0;
  let parentsFixed = false;

  /** Runs `work` in its own transaction (or the dry run's), merging its tally and staged state only once it committed. */
  const inBatch = async (work: (ctx: BatchContext) => Promise<void>, records: readonly WxrRecord[] = []): Promise<void> => {
    const tally = new Tally();
    const staged: Array<() => void> = [];
    const body = async (tx: Repositories) => {
      const ctx: BatchContext = {
        tx,
        tally,
        state,
        scan,
        now: deps.now(),
        stage: (c) => staged.push(c),
        local: new Map(),
        uploads,
        prefetch: await prefetch(tx, state.source, scan, records),
        deferred: { keys: new Map(), redirects: new Map(), recount: new Set() },
      };
      await work(ctx);
      for (const [kind, entries] of ctx.deferred.keys) await tx.imports.putKeys(state.source, kind, entries);
      await tx.imports.putRedirects([...ctx.deferred.redirects].map(([fromPath, toPath]) => ({ fromPath, toPath })));
      await tx.imports.recountComments([...ctx.deferred.recount]);
      await tx.imports.touch();
    };
    if (outer) await body(outer);
    else await store.transaction(body);
    for (const change of staged) change();
    tally.mergeInto(report, options.onUrl);
  };

  const writeRecord = async (ctx: BatchContext, record: WxrRecord) => {
    const ns = scan.channel.namespaces;
    if (record.kind === 'author') return writeAuthor(ctx, toAuthor(record.node, ns));
    if (record.kind !== 'item') return writeTerm(ctx, toTerm(record.kind, record.node, ns));
    return writeItem(ctx, itemOf(record, scan), store);
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    const items = records.filter((r) => r.kind === 'item');
    if (items.length > 0 && !parentsFixed) {
      parentsFixed = true;
      await inBatch((ctx) => fixSectionParents(ctx));
    }
    try {
      await inBatch(async (ctx) => {
        for (const record of records) await writeRecord(ctx, record);
      }, records);
    } catch (error) {
      if (outer) throw error;
      // Find the culprit: each record alone in its own transaction; the others are written.
      for (const record of records) {
        try {
          await inBatch((ctx) => writeRecord(ctx, record), [record]);
        } catch (single) {
          const t = new Tally();
          t.failed(kindOf(record, scan), idOf(record, scan), `not written (line ${record.line}): ${(single as Error).message.split('\n')[0]?.slice(0, 300)}`);
          t.mergeInto(report, options.onUrl);
        }
      }
    }
    itemsDone += items.length;
    options.onProgress?.('import', itemsDone, scan.read.items, report.counts);
  };

  let lastKind: WxrRecord['kind'] | null = null;
  for await (const record of readWxr(report.file)) {
    // Cancelled: the batch being gathered is not written; what is written gets the end steps below.
    if (options.signal?.aborted) {
      batch = [];
      report.cancelled = true;
      break;
    }
    // Channel blocks are written before any item needs them: a change of kind flushes.
    if (lastKind !== null && (lastKind === 'item') !== (record.kind === 'item')) await flush();
    lastKind = record.kind;
    batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  if (!parentsFixed) await inBatch((ctx) => fixSectionParents(ctx));
  await inBatch((ctx) => finish(ctx));
  // Attachment pages in slices: each slice's redirects, old URLs and lookups are built at once,
  // ~0.5 KB per page (two pages per attachment: ~30 MB at 100,000 posts in one go).
  for (let i = 0; i < state.attachmentPages.length; i += ATTACHMENT_PAGES_PER_BATCH) {
    const pages = state.attachmentPages.slice(i, i + ATTACHMENT_PAGES_PER_BATCH);
    await inBatch((ctx) => redirectAttachmentPages(ctx, pages));
  }
  // What only the writes needed (per attachment and per featured image: tens of MB at 100,000
  // posts) is let go before the index rebuild, whose analyzer memo can then reuse that memory
  // instead of growing the heap (decision 032).
  state.pendingFeatured.clear();
  state.attachmentPages.length = 0;
  state.postPaths.clear();
  state.movedFiles.clear();
  scan.attachments.clear();
  scan.attachmentParents.clear();
  if (state.indexAtEnd) {
    options.onProgress?.('index', 0, null, report.counts);
    // Small batches: the rebuild holds a batch's articles and their analysed text at once, and it
    // was the import's peak memory (docs/decisions/024-import-speed.md).
    const indexStarted = performance.now();
    report.searchIndexRebuilt = (await store.reindex({ batchSize: 100 })).indexed;
    report.indexSeconds = (performance.now() - indexStarted) / 1000;
  }
  report.menus = [...state.menus].map(([menu, items]) => ({ menu, items }));
  // The planner's statistics (PostgreSQL) still describe the tables as they were before the
  // import: 4–8× slower pages on a 100,000-post import until autovacuum analyses them.
  if (!outer) await store.updateStatistics();
}

const items = new WeakMap<WxrRecord, WxrItem>();

/** An item record read once (the batch's lookups and its write both need it). */
function itemOf(record: WxrRecord, scan: WxrScan): WxrItem {
  let item = items.get(record);
  if (!item) items.set(record, (item = toItem(record.node, scan.channel.namespaces)));
  return item;
}

/** What a batch looks up once: its items' and comments' keys, the slugs and ids its posts want. */
async function prefetch(tx: Repositories, source: string, scan: WxrScan, records: readonly WxrRecord[]): Promise<BatchContext['prefetch']> {
  const ids = new Map<ImportKind, string[]>();
  const add = (kind: ImportKind, key: string) => ids.set(kind, [...(ids.get(kind) ?? []), key]);
  const slugs: string[] = [];
  const postIds: number[] = [];
  for (const r of records) {
    if (r.kind !== 'item') continue;
    const item = itemOf(r, scan);
    const kind = item.postType ? ITEM_KINDS[item.postType] : undefined;
    const key = itemKey(item);
    if (kind && key) add(kind, key);
    for (const c of item.comments) if (c.wpId) add('comment', c.wpId);
    if (item.postType === 'post') {
      slugs.push(wantedSlug(item));
      if (item.wpId && /^\d{1,15}$/.test(item.wpId)) postIds.push(Number(item.wpId));
    }
  }
  const keys = new Map<ImportKind, Map<string, number>>();
  for (const [kind, list] of ids) keys.set(kind, await tx.imports.findKeys(source, kind, list));
  return { keys, slugs: await tx.imports.articleSlugs(slugs), idsTaken: await tx.imports.articleIdsTaken(postIds) };
}

async function writeItem(ctx: BatchContext, item: WxrItem, store: Store): Promise<void> {
  const type = item.postType;
  const key = itemKey(item);
  const existing = (kind: ImportKind) => (key ? (ctx.prefetch.keys.get(kind)?.get(key) ?? null) : null);
  if (type === null) {
    ctx.tally.skipped('articles', item.wpId, 'item without a post type');
    return skipComments(ctx, item, 'its item has no post type');
  }
  if ((type === 'post' || type === 'page' || type === 'attachment') && !key) {
    ctx.tally.failed(type === 'post' ? 'articles' : type === 'page' ? 'pages' : 'media', null, `${type} without a post id, GUID or link`);
    return skipComments(ctx, item, 'its item was not imported');
  }
  if (type === 'post') return writePost(ctx, item, existing('article'));
  if (type === 'page') return writePage(ctx, item, existing('page'));
  if (type === 'attachment') {
    skipComments(ctx, item, 'comments on attachments are not imported');
    return writeAttachment(ctx, item, existing('media'), store);
  }
  if (type === 'nav_menu_item') return recordMenuItem(ctx, item);
  ctx.tally.skipped('articles', item.wpId, `post type "${type}" is not imported`);
  skipComments(ctx, item, `post type "${type}" is not imported`);
}

/** After every record: featured images and the id generators. */
async function finish(ctx: BatchContext): Promise<void> {
  const { tx, state, tally } = ctx;
  const wanted = [...new Set(state.pendingFeatured.values())];
  const media = await tx.imports.findKeys(state.source, 'media', wanted);
  const pairs: Array<{ articleId: number; mediaId: number }> = [];
  for (const [articleId, attachment] of state.pendingFeatured) {
    const mediaId = media.get(attachment);
    if (mediaId !== undefined) pairs.push({ articleId, mediaId });
    else tally.note('articles', null, `article ${articleId}: featured image (attachment ${attachment}) not in the library: none set`);
  }
  await tx.imports.setFeaturedMedia(pairs);
  await tx.imports.alignIds();
}

/** Attachment pages (their parent may have come later in the file): to the parent's new path, else to the file. */
async function redirectAttachmentPages(ctx: BatchContext, pages: ImportState['attachmentPages']): Promise<void> {
  const { tx, state, tally } = ctx;
  const base = (ctx.scan.channel.baseBlogUrl ?? ctx.scan.channel.link ?? '').replace(/\/$/, '');
  const existing = await tx.imports.redirectSources(pages.map((p) => p.from));
  for (const page of pages) {
    const to = (page.parentWpId ? state.postPaths.get(page.parentWpId) : undefined) ?? state.movedFiles.get(page.fileUrl) ?? (page.fileUrl || null);
    if (to === null) continue;
    if (page.from !== to) putRedirect(ctx, page.from, to, existing.has(page.from));
    tally.urls.push({ from: `${base}${page.from}`, to, status: page.from === to ? 200 : 301 });
  }
}

function kindOf(record: WxrRecord, scan: WxrScan) {
  if (record.kind === 'author') return 'authors' as const;
  if (record.kind === 'category') return 'sections' as const;
  if (record.kind === 'tag') return 'tags' as const;
  if (record.kind === 'term') return 'terms' as const;
  const type = itemOf(record, scan).postType;
  return type === 'page' ? ('pages' as const) : type === 'attachment' ? ('media' as const) : ('articles' as const);
}

function idOf(record: WxrRecord, scan: WxrScan): string | null {
  const ns = scan.channel.namespaces;
  if (record.kind === 'author') return toAuthor(record.node, ns).login;
  if (record.kind === 'item') return itemKey(itemOf(record, scan));
  return toTerm(record.kind, record.node, ns).slug;
}
