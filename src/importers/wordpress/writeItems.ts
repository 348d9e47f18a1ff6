import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { systemActor } from '../../domain/access.js';
import { httpCanonicalUrl } from '../../domain/canonicalUrl.js';
import type { ArticleStatus, NewArticle } from '../../domain/article.js';
import { commentFingerprint } from '../../domain/comments/commentTokens.js';
import { sanitizeCommentHtml } from '../../domain/comments/sanitizeCommentHtml.js';
import type { CommentStatus } from '../../domain/comment.js';
import { sectionPath } from '../../domain/section.js';
import { readingMinutes } from '../../domain/text/readingTime.js';
import { publishJobFor } from '../../operations/articles/publishJob.js';
import { uploadMedia } from '../../operations/media/uploadMedia.js';
import type { ImportKind, Store } from '../../store/ports.js';
import { cleanSlug } from './cleanSlug.js';
import { convertContent, plainLede, type AttachmentLookup } from './convertContent.js';
import { oldPath } from './detectPermalink.js';
import type { BatchContext } from './ImportContext.js';
import { bylineFor, writeSection, writeTag } from './writeTerms.js';
import { itemKey, type WxrComment, type WxrItem } from './wxrRecords.js';
import { readPhpSerialized, looksPhpSerialized } from './readPhpSerialized.js';

const TITLE_MAX = 1000;

/** "YYYY-MM-DD HH:MM:SS" (UTC) → Date; WordPress writes 0000-00-00 for "never". */
export function wpDate(gmt: string | null, local: string | null): Date | null {
  for (const raw of [gmt, local]) {
    if (!raw || raw.startsWith('0000')) continue;
    const d = new Date(`${raw.trim().replace(' ', 'T')}Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return null;
}

function meta(item: WxrItem, key: string): string | null {
  const m = item.meta.find((x) => x.key === key);
  return m ? m.value : null;
}

/** Yoast's title template: its variables filled where we know them, the rest dropped. */
function yoastTitle(template: string | null, title: string, siteName: string | null): string | null {
  if (!template?.trim()) return null;
  const out = template
    .replace(/%%title%%/g, title)
    .replace(/%%sitename%%/g, siteName ?? '')
    .replace(/%%sep%%/g, '-')
    .replace(/%%[a-z_]+%%/gi, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s-]+|[\s-]+$/g, '');
  return out === '' ? null : [...out].slice(0, 300).join('');
}

export function attachmentLookup(ctx: BatchContext): AttachmentLookup {
  const { scan, state } = ctx;
  return {
    url: (id) => {
      const url = scan.attachments.get(id)?.url;
      return url === undefined ? undefined : (state.movedFiles.get(url) ?? url);
    },
    childrenOf: (postId) => [...scan.attachments].filter(([, a]) => a.parent === postId).map(([id]) => id),
    rewrite: (url) => state.movedFiles.get(url),
  };
}

interface MappedStatus {
  status: ArticleStatus;
  note: string | null;
}

function articleStatus(item: WxrItem, publishedAt: Date | null, now: Date): MappedStatus | { skip: string } {
  const hidden = item.password !== '' ? 'password-protected in WordPress: kept unpublished (not public)' : null;
  switch (item.status) {
    case 'publish':
      return hidden ? { status: 'unpublished', note: hidden } : { status: 'published', note: null };
    case 'future':
      if (hidden) return { status: 'unpublished', note: hidden };
      return publishedAt && publishedAt > now ? { status: 'scheduled', note: null } : { status: 'published', note: 'scheduled in WordPress for a time now past: published' };
    case 'draft':
      return { status: 'draft', note: null };
    case 'pending':
      return { status: 'pending', note: null };
    case 'private':
      return { status: 'unpublished', note: 'private in WordPress: kept unpublished (not public)' };
    case 'trash':
      return { status: 'trash', note: null };
    case 'auto-draft':
    case 'inherit':
      return { skip: `status "${item.status}" (WordPress keeps these for itself)` };
    default:
      return { status: 'draft', note: `unknown status "${item.status ?? '?'}": kept as a draft` };
  }
}

/** Slug free among articles (the one we update keeps its own); WordPress allowed duplicates across dates. */
async function freeArticleSlug(ctx: BatchContext, base: string, selfId: number | null): Promise<string> {
  const taken = ctx.prefetch.slugs;
  if (!taken.has(base) || taken.get(base) === selfId) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    const other = taken.get(candidate) ?? (await ctx.tx.imports.articleSlugs([candidate])).get(candidate);
    if (other === undefined || other === selfId) return candidate;
    taken.set(candidate, other);
  }
}

/** The slug a post asks for (before de-duplication): its cleaned post_name, else one from its title. */
export function wantedSlug(item: WxrItem): string {
  const title = item.title || cleanSlug(item.postName, '') || '';
  return cleanSlug(item.postName, title) || `wp-${item.wpId ?? 'post'}`;
}

/** A key written at the end of the batch. */
export function deferKey(ctx: BatchContext, kind: ImportKind, sourceId: string, id: number): void {
  const list = ctx.deferred.keys.get(kind) ?? [];
  list.push({ sourceId, id });
  ctx.deferred.keys.set(kind, list);
}

async function sectionsOf(ctx: BatchContext, item: WxrItem, preferPath: string | null): Promise<{ ids: number[]; primaryPath: string }> {
  const ids: Array<{ id: number; path: string }> = [];
  for (const term of item.terms.filter((t) => t.domain === 'category')) {
    const slug = cleanSlug(term.slug, term.name);
    let known = ctx.state.sections.get(slug);
    const local = ctx.local.get(`section:${slug}`);
    if (!known && local !== undefined) known = ctx.state.sectionsById.get(local) ?? { id: local, slug, parentId: null };
    if (!known) {
      const made = await writeSection(ctx, { wpId: null, taxonomy: 'category', slug: term.slug, name: term.name, parentSlug: null, description: null });
      if (!made) continue;
      ctx.local.set(`section:${slug}`, made.id);
      known = made;
    }
    if (!ids.some((x) => x.id === known.id)) ids.push({ id: known.id, path: ctx.state.sectionsById.has(known.id) ? sectionPathOf(ctx, known.id) : known.slug });
  }
  // The category the old link carries is the primary one, so %category% paths come out the same.
  if (preferPath) ids.sort((a, b) => Number(preferPath.includes(`/${b.path}/`)) - Number(preferPath.includes(`/${a.path}/`)));
  return { ids: ids.map((x) => x.id), primaryPath: ids[0]?.path ?? '' };
}

/** "parent/child" of a known section, cached until the sections change (state.sectionPaths is cleared then). */
function sectionPathOf(ctx: BatchContext, id: number): string {
  const cache = ctx.state.sectionPaths;
  let path = cache.get(id);
  if (path === undefined) {
    const byId = new Map([...ctx.state.sectionsById].map(([key, s]) => [key, { ...s, name: '', description: null, position: 0 }]));
    const section = byId.get(id);
    path = section ? sectionPath(section, byId) : '';
    cache.set(id, path);
  }
  return path;
}

async function tagIdsOf(ctx: BatchContext, item: WxrItem): Promise<number[]> {
  const ids: number[] = [];
  for (const term of item.terms.filter((t) => t.domain === 'post_tag' || t.domain === 'tag')) {
    const slug = cleanSlug(term.slug || term.name, term.name);
    let id = ctx.state.tags.get(slug) ?? ctx.local.get(`tag:${slug}`) ?? null;
    if (id === null) {
      id = await writeTag(ctx, { wpId: null, taxonomy: 'post_tag', slug: term.slug || term.name, name: term.name, parentSlug: null, description: null });
      if (id === null) continue;
      ctx.local.set(`tag:${slug}`, id);
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The new path of an article under the site's permalink structure. */
function newArticlePath(ctx: BatchContext, article: { id: number; slug: string; publishedAt: Date | null; categoryPath: string; authorSlug: string }): string {
  return ctx.state.permalink.build(article);
}

/** A 301 from an old path (written with the batch), counted updated when its item was imported before. */
export function putRedirect(ctx: BatchContext, fromPath: string, toPath: string, existed: boolean): void {
  ctx.deferred.redirects.set(fromPath, toPath);
  ctx.tally.wrote('redirects', existed);
}

/** Records the old URL → new path (a 301 unless they are the same), and WordPress's `?p=` form. */
function mapUrls(ctx: BatchContext, item: WxrItem, queryKey: 'p' | 'page_id', newPath: string, isPublic: boolean, existed: boolean): void {
  const { tally } = ctx;
  const base = ctx.scan.channel.baseBlogUrl ?? ctx.scan.channel.link;
  const targets: Array<{ from: string; path: string }> = [];
  const old = item.link ? oldPath(item.link, base) : null;
  if (old && old.query === '' && old.path !== '/') targets.push({ from: item.link!, path: old.path });
  if (item.wpId) targets.push({ from: `${base ? base.replace(/\/$/, '') : ''}/?${queryKey}=${item.wpId}`, path: `/?${queryKey}=${item.wpId}` });
  if (old && old.query !== '' && !targets.some((t) => t.path === `/${old.query}`)) targets.push({ from: item.link!, path: `/${old.query}` });
  for (const t of targets) {
    const same = t.path === newPath || t.path.replace(/\/$/, '') === newPath.replace(/\/$/, '');
    if (!same) putRedirect(ctx, t.path, newPath, existed);
    tally.urls.push({ from: t.from, to: isPublic ? newPath : null, status: !isPublic ? 404 : same ? 200 : 301 });
  }
}

/** A post → an article (with its comments), keyed on the post id. */
export async function writePost(ctx: BatchContext, item: WxrItem, existingId: number | null): Promise<void> {
  const { tx, tally, state, now } = ctx;
  const wpId = itemKey(item)!;
  const publishedAt = wpDate(item.dateGmt, item.date);
  const mapped = articleStatus(item, publishedAt, now);
  if ('skip' in mapped) {
    tally.skipped('articles', wpId, mapped.skip);
    skipComments(ctx, item, 'its post was not imported');
    return;
  }
  const title = [...(item.title || cleanSlug(item.postName, '') || `WordPress ${wpId}`)].slice(0, TITLE_MAX).join('');
  const converted = convertContent(item.content, wpId, attachmentLookup(ctx));
  if (converted.unknownShortcodes.length) tally.note('articles', wpId, `shortcodes left as text: ${converted.unknownShortcodes.map((s) => `[${s}]`).join(' ')}`);
  const old = item.link ? oldPath(item.link, ctx.scan.channel.baseBlogUrl ?? ctx.scan.channel.link) : null;
  const { ids: sectionIds, primaryPath } = await sectionsOf(ctx, item, old && old.query === '' ? old.path : null);
  const tagIds = await tagIdsOf(ctx, item);
  const authorIds: number[] = [];
  let authorSlug = '';
  if (item.creator) {
    const id = await bylineFor(ctx, item.creator);
    if (id !== null) authorIds.push(id);
    authorSlug = state.authors.get(item.creator)?.slug ?? (id !== null ? ((await tx.authors.findByIds([id]))[0]?.slug ?? '') : '');
  }
  const wanted = wantedSlug(item);
  const slug = await freeArticleSlug(ctx, wanted, existingId);
  if (slug !== wanted) tally.note('articles', wpId, `slug "${wanted}" taken: stored as "${slug}" (old URL redirected)`);
  const modifiedAt = wpDate(item.modifiedGmt, null);
  const siteName = ctx.scan.channel.title;
  const yoastCanonical = meta(item, '_yoast_wpseo_canonical')?.trim();
  const input: NewArticle = {
    slug,
    title,
    lede: plainLede(item.excerpt),
    body: converted.html,
    status: mapped.status,
    publishedAt: mapped.status === 'draft' || mapped.status === 'pending' ? null : (publishedAt ?? now),
    modifiedAt: modifiedAt && publishedAt && modifiedAt.getTime() > publishedAt.getTime() ? modifiedAt : null,
    sectionIds,
    tagIds,
    authorIds,
    isFeatured: item.isSticky,
    commentsOpen: item.commentStatus !== 'closed',
    seoTitle: yoastTitle(meta(item, '_yoast_wpseo_title'), title, siteName),
    seoDescription: meta(item, '_yoast_wpseo_metadesc')?.trim().slice(0, 500) || null,
    canonicalUrl: yoastCanonical ? httpCanonicalUrl(yoastCanonical) : null,
    readingMinutes: readingMinutes(converted.html),
  };
  // Keeping WordPress's id keeps /%post_id%/ permalinks byte for byte.
  const preferred = existingId === null && item.wpId && /^\d{1,15}$/.test(item.wpId) && !ctx.prefetch.idsTaken.has(Number(item.wpId)) ? Number(item.wpId) : null;
  const id = await tx.imports.writeArticle(input, { existingId, preferredId: preferred, skipIndex: state.indexAtEnd, relationsLater: true });
  ctx.prefetch.idsTaken.add(id);
  ctx.prefetch.slugs.set(slug, id);
  deferKey(ctx, 'article', wpId, id);
  tally.wrote('articles', existingId !== null);
  if (mapped.note) tally.note('articles', wpId, mapped.note);
  if (yoastCanonical && !input.canonicalUrl) tally.note('articles', wpId, `Yoast canonical "${yoastCanonical.slice(0, 200)}" dropped: not an http(s) URL`);
  if (mapped.status === 'scheduled' && input.publishedAt) await tx.jobs.enqueue(publishJobFor(id, input.publishedAt));
  const thumbnail = meta(item, '_thumbnail_id')?.trim();
  if (thumbnail) ctx.stage(() => state.pendingFeatured.set(id, thumbnail));
  readSerializedMeta(ctx, item);

  const isPublic = mapped.status === 'published';
  const newPath = newArticlePath(ctx, { id, slug, publishedAt: input.publishedAt ?? null, categoryPath: primaryPath, authorSlug });
  // Kept only for posts with attachments (their attachment pages redirect here): not one per post.
  if (isPublic && item.wpId && ctx.scan.attachmentParents.has(item.wpId)) ctx.stage(() => state.postPaths.set(item.wpId!, newPath));
  mapUrls(ctx, item, 'p', newPath, isPublic, existingId !== null);
  await writeComments(ctx, item, id);
}

/** PHP-serialized meta is read (never executed); one that does not read is reported. */
function readSerializedMeta(ctx: BatchContext, item: WxrItem): void {
  for (const m of item.meta) {
    if (!looksPhpSerialized(m.value)) continue;
    try {
      readPhpSerialized(m.value.trim());
    } catch (error) {
      ctx.tally.note('articles', item.wpId, `meta ${m.key}: ${(error as Error).message}`);
    }
  }
}

const COMMENT_STATES: Record<string, CommentStatus> = { '1': 'approved', approve: 'approved', '0': 'pending', hold: 'pending', spam: 'spam', trash: 'trash', 'post-trashed': 'trash' };

/** Comments with their threads (parents first), states and original dates; pingbacks and trackbacks skipped. */
async function writeComments(ctx: BatchContext, item: WxrItem, articleId: number): Promise<void> {
  const { tx, tally } = ctx;
  if (item.comments.length === 0) return;
  const keys = ctx.prefetch.keys.get('comment') ?? new Map<string, number>();
  const written = new Map<string, { id: number; depth: number }>();
  const pending = item.comments.filter((c) => {
    if (c.type === 'pingback' || c.type === 'trackback') {
      tally.skipped('comments', c.wpId, `${c.type}s are not imported`);
      return false;
    }
    if (c.wpId === '') {
      tally.failed('comments', null, 'comment without an id');
      return false;
    }
    return true;
  });
  const ids = new Set(pending.map((c) => c.wpId));
  // Parents before replies, whatever the file's order; a reply to a missing parent starts a thread.
  let queue = pending;
  while (queue.length > 0) {
    const next: WxrComment[] = [];
    for (const c of queue) {
      const parentKnown = c.parentWpId === null || !ids.has(c.parentWpId) || written.has(c.parentWpId);
      if (!parentKnown) {
        next.push(c);
        continue;
      }
      const parent = c.parentWpId === null ? undefined : written.get(c.parentWpId);
      const existing = keys.get(c.wpId) ?? null;
      const text = c.content.replace(/\r\n?/g, '\n').trim();
      const id = await tx.imports.writeComment(
        {
          articleId,
          parentId: parent?.id ?? null,
          depth: (parent?.depth ?? 0) + 1,
          authorName: [...(c.author || 'مجهول')].slice(0, 245).join(''),
          authorEmail: (c.email ?? '').slice(0, 100),
          authorUrl: c.url && /^https?:\/\//i.test(c.url) ? c.url.slice(0, 200) : null,
          body: sanitizeCommentHtml(text),
          status: COMMENT_STATES[c.approved] ?? 'pending',
          ipHash: null,
          userAgent: null,
          fingerprint: commentFingerprint(text),
          createdAt: wpDate(c.dateGmt, c.date) ?? ctx.now,
        },
        existing,
      );
      written.set(c.wpId, { id, depth: (parent?.depth ?? 0) + 1 });
      tally.wrote('comments', existing !== null);
    }
    if (next.length === queue.length) {
      // A cycle of replies: break it by making the first one a thread.
      next[0] = { ...next[0]!, parentWpId: null };
    }
    queue = next;
  }
  for (const [sourceId, w] of written) deferKey(ctx, 'comment', sourceId, w.id);
  ctx.deferred.recount.add(articleId);
}

/** Counts an item's comments as skipped (the item itself was not imported, or cannot have comments). */
export function skipComments(ctx: BatchContext, item: WxrItem, reason: string): void {
  for (const c of item.comments) ctx.tally.skipped('comments', c.wpId || null, reason);
}

/** A page → a static page at `/<slug>/`; its old URL and `?page_id=` redirect there. */
export async function writePage(ctx: BatchContext, item: WxrItem, existingId: number | null): Promise<void> {
  const { tx, tally } = ctx;
  const wpId = itemKey(item)!;
  const title = [...(item.title || cleanSlug(item.postName, '') || `WordPress ${wpId}`)].slice(0, TITLE_MAX).join('');
  const isPublic = item.status === 'publish' && item.password === '';
  if (item.status === 'auto-draft' || item.status === 'inherit') {
    tally.skipped('pages', wpId, `status "${item.status}" (WordPress keeps these for itself)`);
    skipComments(ctx, item, 'its page was not imported');
    return;
  }
  const status = isPublic ? 'published' : item.status === 'trash' ? 'trash' : 'draft';
  if (!isPublic && item.status !== 'draft' && item.status !== 'trash') tally.note('pages', wpId, `${item.password ? 'password-protected' : (item.status ?? '?')} in WordPress: kept as a draft (not public)`);
  const base = cleanSlug(item.postName, title) || `page-${item.wpId ?? 'wp'}`;
  let slug = base;
  for (let n = 2; ; n++) {
    const other = await tx.imports.pageIdBySlug(slug);
    if (other === null || other === existingId) break;
    slug = `${base}-${n}`;
  }
  const converted = convertContent(item.content, wpId, attachmentLookup(ctx));
  const id = await tx.imports.writePage(
    { slug, title, body: converted.html, status, publishedAt: isPublic ? (wpDate(item.dateGmt, item.date) ?? ctx.now) : null, position: item.menuOrder },
    existingId,
  );
  deferKey(ctx, 'page', wpId, id);
  tally.wrote('pages', existingId !== null);
  skipComments(ctx, item, 'comments on pages are not imported (Khabar pages have no comments)');
  mapUrls(ctx, item, 'page_id', `/${slug}/`, isPublic, existingId !== null);
}

/**
 * An attachment: with --uploads its file is copied through the media library (type checked by
 * content, variants made); otherwise (or when the file is missing or not an image) its original
 * URL stays where articles use it and is listed in the report. Its attachment page redirects to
 * the post it belongs to, else to the file.
 */
export async function writeAttachment(ctx: BatchContext, item: WxrItem, existingId: number | null, store: Store): Promise<void> {
  const { tally, state } = ctx;
  const wpId = itemKey(item)!;
  const url = item.attachmentUrl ?? item.guid ?? '';
  const base = ctx.scan.channel.baseBlogUrl ?? ctx.scan.channel.link;
  const old = item.link ? oldPath(item.link, base) : null;
  const pagePaths = item.wpId ? [`/?attachment_id=${item.wpId}`] : [];
  if (old && old.query === '' && old.path !== '/') pagePaths.push(old.path);
  for (const from of pagePaths) ctx.stage(() => state.attachmentPages.push({ from, parentWpId: item.parentWpId, fileUrl: url }));
  if (existingId !== null) {
    tally.updated('media');
    const media = (await ctx.tx.media.findByIds([existingId]))[0];
    const storage = ctx.uploads?.media.storage;
    if (media && url && storage) ctx.stage(() => state.movedFiles.set(url, storage.urlPath(media.key)));
    return;
  }
  if (!ctx.uploads) {
    tally.skipped('media', wpId, 'no --uploads folder: the original URL is kept');
    tally.mediaKeptAtOrigin.push({ wpId, url, reason: 'no --uploads folder' });
    return;
  }
  const relative = meta(item, '_wp_attached_file')?.trim() || /\/wp-content\/uploads\/(.+)$/.exec(url)?.[1] || '';
  const file = path.resolve(ctx.uploads.dir, relative);
  if (relative === '' || !file.startsWith(path.resolve(ctx.uploads.dir) + path.sep)) {
    tally.skipped('media', wpId, 'the file is not under the uploads folder: the original URL is kept');
    tally.mediaKeptAtOrigin.push({ wpId, url, reason: 'not under --uploads' });
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    tally.skipped('media', wpId, `${relative} is missing from the uploads folder: the original URL is kept`);
    tally.mediaKeptAtOrigin.push({ wpId, url, reason: 'file missing' });
    return;
  }
  try {
    const media = await uploadMedia(
      { ...ctx.uploads.media, store: { ...store, media: ctx.tx.media } },
      systemActor('import'),
      { bytes, fileName: path.basename(relative), alt: meta(item, '_wp_attachment_image_alt')?.slice(0, 500) ?? '', caption: plainLede(item.excerpt)?.slice(0, 1000) ?? null },
    );
    deferKey(ctx, 'media', wpId, media.id);
    const newUrl = ctx.uploads.media.storage.urlPath(media.key);
    if (url) ctx.stage(() => state.movedFiles.set(url, newUrl));
    tally.created('media');
  } catch (error) {
    tally.skipped('media', wpId, `not copied (${(error as Error).message.slice(0, 200)}): the original URL is kept`);
    tally.mediaKeptAtOrigin.push({ wpId, url, reason: (error as Error).message.slice(0, 200) });
  }
}

/** A navigation menu entry: reported (Khabar's navigation is its section tree). */
export function recordMenuItem(ctx: BatchContext, item: WxrItem): void {
  const menu = item.terms.find((t) => t.domain === 'nav_menu');
  const name = menu?.name || menu?.slug || '?';
  const type = meta(item, '_menu_item_type') ?? '?';
  const object = meta(item, '_menu_item_object') ?? '?';
  const objectId = meta(item, '_menu_item_object_id');
  const target = type === 'custom' ? meta(item, '_menu_item_url') : object === 'category' ? `category term ${objectId}` : `${object} ${objectId}`;
  ctx.stage(() => {
    const list = ctx.state.menus.get(name) ?? [];
    list.push({ title: item.title, type, object, target });
    ctx.state.menus.set(name, list);
  });
  ctx.tally.skipped('menuItems', item.wpId, object === 'category' ? 'menu entry for a category: Khabar shows sections in its navigation' : 'menu entry reported, not imported (Khabar has no custom menus)');
}
