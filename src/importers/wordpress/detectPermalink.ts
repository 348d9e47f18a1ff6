import { isValidPermalinkStructure } from '../../domain/permalink.js';
import { safeDecode } from './cleanSlug.js';

/** What detection needs of a published post. */
export interface PermalinkSample {
  wpId: string;
  /** Our slug (decoded, cleaned). */
  slug: string;
  /** The old link's path, decoded, relative to the blog's base path. */
  path: string;
  /** `wp:post_date` (the site's local time): "YYYY-MM-DD HH:MM:SS". */
  localDate: string | null;
  /** Slug paths of the post's categories ("parent/child"). */
  categoryPaths: string[];
  authorSlug: string | null;
}

/** The path of an old URL under the blog's base URL, percent-decoded ('/2020/01/x/'); null for other hosts' URLs. */
export function oldPath(link: string, baseUrl: string | null): { path: string; query: string } | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  let path = url.pathname;
  if (baseUrl) {
    try {
      const base = new URL(baseUrl);
      const prefix = base.pathname.replace(/\/$/, '');
      if (prefix !== '' && (path === prefix || path.startsWith(`${prefix}/`))) path = path.slice(prefix.length) || '/';
    } catch {
      // an unreadable base URL: paths stay as they are
    }
  }
  // Requests are read the same way (decodeRequestPath): decoded, NFC, duplicate slashes collapsed.
  return { path: safeDecode(path).normalize('NFC').replace(/\/{2,}/g, '/'), query: url.search };
}

/** The structure one post's link follows, written with WordPress's tags; null when it cannot be told. */
export function structureOf(sample: PermalinkSample): string | null {
  const segments = sample.path.split('/');
  const out = [...segments];
  const used = new Set<number>();
  const date = sample.localDate && /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(sample.localDate);
  const replaceWhole = (value: string | undefined, tag: string) => {
    if (!value) return false;
    for (let i = 0; i < segments.length; i++) {
      if (used.has(i)) continue;
      const seg = segments[i]!;
      if (seg === value) {
        out[i] = tag;
        used.add(i);
        return true;
      }
      const ext = /^(.+?)(\.[a-z0-9]{1,5})$/i.exec(seg);
      if (ext && ext[1] === value) {
        out[i] = tag + ext[2];
        used.add(i);
        return true;
      }
    }
    return false;
  };
  const hasName = replaceWhole(sample.slug, '%postname%');
  const hasId = replaceWhole(sample.wpId, '%post_id%');
  if (!hasName && !hasId) return null;
  // The category path may span several segments; the longest matching one wins.
  for (const cat of [...sample.categoryPaths].sort((a, b) => b.length - a.length)) {
    const parts = cat.split('/');
    for (let i = 0; i + parts.length <= segments.length; i++) {
      if (parts.every((p, k) => segments[i + k] === p && !used.has(i + k))) {
        out.splice(i, parts.length, '%category%', ...new Array<string>(parts.length - 1).fill('\u0000'));
        for (let k = 0; k < parts.length; k++) used.add(i + k);
        i = segments.length;
      }
    }
    if (out.includes('%category%')) break;
  }
  if (date) {
    replaceWhole(date[1], '%year%');
    replaceWhole(date[2], '%monthnum%');
    replaceWhole(date[3], '%day%');
    replaceWhole(date[4], '%hour%');
    replaceWhole(date[5], '%minute%');
    replaceWhole(date[6], '%second%');
  }
  if (sample.authorSlug) replaceWhole(sample.authorSlug, '%author%');
  const structure = out.filter((s) => s !== '\u0000').join('/');
  return isValidPermalinkStructure(structure) ? structure : null;
}

/**
 * The permalink structure most of the export's published posts follow (e.g. `/%post_id%.html`,
 * `/%year%/%monthnum%/%postname%/`, `/%category%/%postname%/`), or null when their links are
 * WordPress's plain `?p=123` form or follow nothing recognisable. Posts that differ are covered by
 * redirects.
 *
 * @example detectPermalink([{ wpId: '7', slug: 'x', path: '/7.html', localDate: null, categoryPaths: [], authorSlug: null }]) // '/%post_id%.html'
 */
export function detectPermalink(samples: readonly PermalinkSample[]): { structure: string | null; matching: number; total: number } {
  const votes = new Map<string, number>();
  for (const s of samples) {
    const structure = structureOf(s);
    if (structure) votes.set(structure, (votes.get(structure) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestVotes = 0;
  for (const [structure, n] of votes) {
    if (n > bestVotes) {
      best = structure;
      bestVotes = n;
    }
  }
  return { structure: best, matching: bestVotes, total: samples.length };
}
