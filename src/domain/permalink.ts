import { zonedTime } from './text/zonedTime.js';

/**
 * Article permalinks written with WordPress's structure tags, so an imported site keeps its URLs
 * byte for byte. Paths here are Unicode (decoded); `encodePath` makes the wire form.
 */

const TAGS = {
  '%year%': '(?<year>\\d{4})',
  '%monthnum%': '(?<monthnum>\\d{2})',
  '%day%': '(?<day>\\d{2})',
  '%hour%': '(?<hour>\\d{2})',
  '%minute%': '(?<minute>\\d{2})',
  '%second%': '(?<second>\\d{2})',
  '%post_id%': '(?<post_id>\\d{1,18})',
  '%postname%': '(?<postname>[^/]+)',
  '%category%': '(?<category>[^?#]+?)',
  '%author%': '(?<author>[^/]+)',
} as const;

type Tag = keyof typeof TAGS;
const TAG_PATTERN = /%[a-z_]+%/g;

/** True when `structure` is a usable permalink structure (starts with `/`, known tags, identifies an article). */
export function isValidPermalinkStructure(structure: string): boolean {
  if (!structure.startsWith('/') || structure.length > 200) return false;
  const tags: string[] = structure.match(TAG_PATTERN) ?? [];
  if (!tags.every((t) => t in TAGS)) return false;
  if (new Set(tags).size !== tags.length) return false;
  return tags.includes('%postname%') || tags.includes('%post_id%');
}

export interface PermalinkFields {
  id: number;
  slug: string;
  /** Publication time; null for never-published items (uses "now" parts are not guessed: falls back to the epoch). */
  publishedAt: Date | null;
  /** Primary section path, parents first, e.g. "رياضة/كرة-القدم". */
  categoryPath: string;
  authorSlug: string;
}

export interface PermalinkMatch {
  postId: number | null;
  postname: string | null;
}

export interface Permalink {
  /** The expression that parses paths (exposed for the ReDoS check in test/security). */
  readonly pattern: RegExp;
  readonly structure: string;
  /** Whether paths carry the first author's slug (%author%): callers need it only then. */
  readonly needsAuthor: boolean;
  /** The Unicode path of an article. */
  build(fields: PermalinkFields): string;
  /** Matches a decoded path (with or without the trailing slash); null when it is not an article path. */
  match(path: string): PermalinkMatch | null;
}

/**
 * Compiles a structure once for a site time zone.
 *
 * @example createPermalink('/%post_id%.html', 'Africa/Casablanca').build({ id: 7, ... }) // '/7.html'
 */
export function createPermalink(structure: string, timeZone: string): Permalink {
  if (!isValidPermalinkStructure(structure)) throw new Error(`invalid permalink structure: ${structure}`);
  const zone = zonedTime(timeZone);
  let source = '';
  let last = 0;
  for (const m of structure.matchAll(TAG_PATTERN)) {
    source += escapeRegExp(structure.slice(last, m.index)) + TAGS[m[0] as Tag];
    last = m.index + m[0].length;
  }
  const tail = structure.slice(last);
  // The trailing slash is optional on input; the canonical form is redirected to by the caller.
  source += escapeRegExp(tail.endsWith('/') ? tail.slice(0, -1) : tail) + (tail.endsWith('/') ? '/?' : '');
  const regex = new RegExp(`^${source}$`, 'u');

  return {
    structure,
    pattern: regex,
    needsAuthor: structure.includes('%author%'),
    build(fields) {
      const p = zone.parts(fields.publishedAt ?? new Date(0));
      const two = (n: number) => String(n).padStart(2, '0');
      const values: Record<Tag, string> = {
        '%year%': String(p.year).padStart(4, '0'),
        '%monthnum%': two(p.month),
        '%day%': two(p.day),
        '%hour%': two(p.hour),
        '%minute%': two(p.minute),
        '%second%': two(p.second),
        '%post_id%': String(fields.id),
        '%postname%': fields.slug,
        '%category%': fields.categoryPath || 'uncategorized',
        '%author%': fields.authorSlug || 'admin',
      };
      return structure.replace(TAG_PATTERN, (tag) => values[tag as Tag]);
    },
    match(path) {
      const m = regex.exec(path);
      if (!m?.groups) return null;
      const id = m.groups.post_id;
      return { postId: id === undefined ? null : Number(id), postname: m.groups.postname ?? null };
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Percent-encodes each segment of a Unicode path (Arabic slugs go on the wire encoded). */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
