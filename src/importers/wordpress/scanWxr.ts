import { cleanSlug } from './cleanSlug.js';
import { detectPermalink, oldPath, type PermalinkSample } from './detectPermalink.js';
import { emptyChannel, readWxr, type WxrChannel } from './readWxr.js';
import { toAuthor, toItem, toTerm } from './wxrRecords.js';

/** What the first pass learns: the file is well-formed, what it holds, and the site's permalinks. */
export interface WxrScan {
  channel: WxrChannel;
  /** What the file holds, counted like ../shared/data/wxr/index.jsonl. */
  read: {
    authors: number;
    categories: number;
    tags: number;
    terms: number;
    items: number;
    postTypes: Record<string, number>;
    statuses: Record<string, number>;
    comments: number;
  };
  attachments: Map<string, { url: string; parent: string | null }>;
  /** WordPress ids of the posts attachments belong to (their attachment pages redirect to the post). */
  attachmentParents: Set<string>;
  permalink: { structure: string | null; matching: number; total: number };
  /** Warnings about the file as a whole (an unknown WXR version…). */
  warnings: string[];
}

/** Posts sampled for permalink detection: enough to outvote a few odd links, few enough to stay small. */
const SAMPLES = 1000;
const KNOWN_VERSIONS = new Set(['1.0', '1.1', '1.2']);

/**
 * Reads the whole export once without writing anything: a file that is not well-formed XML throws
 * WXR_MALFORMED (line and column) here, before the import touches the store. It also counts what
 * the file holds (for the progress bar and the report), keeps attachment URLs (for `[gallery]` and
 * featured images that come before their attachment) and detects the permalink structure.
 *
 * @example const scan = await scanWxr('export.xml'); scan.permalink.structure // '/%post_id%.html'
 */
export async function scanWxr(file: string, onItem?: (items: number) => void): Promise<WxrScan> {
  const channel = emptyChannel();
  const read: WxrScan['read'] = { authors: 0, categories: 0, tags: 0, terms: 0, items: 0, postTypes: {}, statuses: {}, comments: 0 };
  const attachments: WxrScan['attachments'] = new Map();
  const attachmentParents = new Set<string>();
  const categoryParent = new Map<string, string | null>();
  const authorSlugs = new Map<string, string>();
  const samples: PermalinkSample[] = [];
  for await (const record of readWxr(file, channel)) {
    const ns = channel.namespaces;
    switch (record.kind) {
      case 'author': {
        read.authors++;
        const a = toAuthor(record.node, ns);
        authorSlugs.set(a.login, cleanSlug(a.login, a.displayName ?? a.login));
        break;
      }
      case 'category': {
        read.categories++;
        const t = toTerm('category', record.node, ns);
        categoryParent.set(cleanSlug(t.slug, t.name), t.parentSlug ? cleanSlug(t.parentSlug, t.parentSlug) : null);
        break;
      }
      case 'tag':
        read.tags++;
        break;
      case 'term':
        read.terms++;
        break;
      case 'item': {
        read.items++;
        const item = toItem(record.node, ns);
        const type = item.postType ?? '?';
        read.postTypes[type] = (read.postTypes[type] ?? 0) + 1;
        const status = item.status ?? '?';
        read.statuses[status] = (read.statuses[status] ?? 0) + 1;
        read.comments += item.comments.length;
        if (type === 'attachment' && item.parentWpId) attachmentParents.add(item.parentWpId);
        if (type === 'attachment' && item.wpId) {
          const url = item.attachmentUrl ?? item.guid;
          if (url) attachments.set(item.wpId, { url, parent: item.parentWpId });
        }
        if (type === 'post' && item.status === 'publish' && item.link && item.wpId && samples.length < SAMPLES) {
          const path = oldPath(item.link, channel.baseBlogUrl ?? channel.link);
          if (path && path.query === '') {
            samples.push({
              wpId: item.wpId,
              slug: cleanSlug(item.postName, item.title || item.wpId),
              path: path.path,
              localDate: item.date,
              categoryPaths: item.terms.filter((t) => t.domain === 'category').map((t) => categoryPath(cleanSlug(t.slug, t.name), categoryParent)),
              authorSlug: item.creator ? (authorSlugs.get(item.creator) ?? cleanSlug(item.creator, item.creator)) : null,
            });
          }
        }
        onItem?.(read.items);
        break;
      }
    }
  }
  const warnings: string[] = [];
  if (channel.version === null) warnings.push(`the file has no wxr_version; read as WXR ${/(\d+\.\d+)\/$/.exec(channel.namespaces.wp)?.[1] ?? '1.2'}`);
  else if (!KNOWN_VERSIONS.has(channel.version)) warnings.push(`WXR version ${channel.version} is not one of 1.0, 1.1, 1.2: read as the nearest known version, check the result`);
  if (channel.namespaces.wp === '') warnings.push('the file declares no WordPress export namespace: only RSS fields were read');
  return { channel, read, attachments, attachmentParents, permalink: detectPermalink(samples), warnings };
}

/** "parent/child" from a category slug and the parents read so far. */
export function categoryPath(slug: string, parents: ReadonlyMap<string, string | null>): string {
  const parts = [slug];
  const seen = new Set([slug]);
  let parent = parents.get(slug) ?? null;
  while (parent !== null && !seen.has(parent)) {
    parts.unshift(parent);
    seen.add(parent);
    parent = parents.get(parent) ?? null;
  }
  return parts.join('/');
}
