import { sanitizeArticleHtml } from '../../domain/html/sanitizeArticleHtml.js';
import { readingMinutes } from '../../domain/text/readingTime.js';

/** One line of a JSON Lines corpus, mapped to what the importer writes. */
export interface JsonlArticle {
  title: string;
  /** Sanitized HTML. */
  body: string;
  lede: string | null;
  /** Section name (created when missing); null: uncategorized. */
  section: string | null;
  author: string | null;
  tags: string[];
  /** Null when the line has no date: the importer dates it at import time and counts it. */
  publishedAt: Date | null;
  readingMinutes: number;
}

/** Values corpora write for "nothing" (MArSum writes the string "None"). */
const NOTHING = new Set(['', 'none', 'null', 'nan', 'undefined', 'n/a']);

/** C0 controls but tab and line breaks: PostgreSQL refuses NUL in text, and none of them is text. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function text(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).replace(CONTROLS, '').replace(/\s+/gu, ' ').trim();
  return NOTHING.has(s.toLowerCase()) ? null : s;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text with line breaks → paragraphs; HTML (it has tags) is kept. Sanitized either way. */
function bodyHtml(body: string): string {
  if (/<\/?(p|div|br|h[1-6]|ul|ol|li|blockquote|strong|em|a|figure|img)\b[^>]*>/i.test(body)) return sanitizeArticleHtml(body);
  const paragraphs = body
    .split(/\r?\n+/)
    .map((p) => p.replace(/\s+/gu, ' ').trim())
    .filter((p) => p.length > 0);
  return sanitizeArticleHtml(paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(''));
}

/**
 * Maps a parsed JSON line to an article, or gives the reason it cannot be imported.
 *
 * Fields (docs/decisions/007-search-index.md, "Importing JSON Lines"): `title` and `body` are
 * required; the section is `category_ar` when present (ANT: `category` is its English key), else
 * `category`; `date` (ISO 8601; "None" or absent → dated at import time); `author`; `tags` (array
 * or comma-separated); `lede`, else `abstract` (ANT), else `summary`. Other fields are ignored.
 *
 * @example mapJsonlArticle({ title: 'عنوان', body: 'نص', category: 'رياضة', date: '2017-01-20T21:43:00+01:00' })
 */
export function mapJsonlArticle(record: unknown): JsonlArticle | { error: string } {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return { error: 'not a JSON object' };
  const r = record as Record<string, unknown>;
  const title = text(r.title);
  if (title === null) return { error: 'missing title' };
  if (title.length > 1000) return { error: 'title longer than 1,000 characters' };
  if (typeof r.body !== 'string' || text(r.body) === null) return { error: 'missing body' };
  const body = bodyHtml(r.body.replace(CONTROLS, ''));
  if (body === '') return { error: 'body has no text after sanitizing' };
  let publishedAt: Date | null = null;
  const date = text(r.date);
  if (date !== null) {
    publishedAt = new Date(date);
    if (Number.isNaN(publishedAt.getTime()) || publishedAt.getUTCFullYear() < 1000 || publishedAt.getUTCFullYear() > 9999) {
      return { error: `unreadable date "${date.slice(0, 40)}"` };
    }
  }
  const rawTags = Array.isArray(r.tags) ? r.tags : typeof r.tags === 'string' ? r.tags.split(/[,،]/) : [];
  const tags = [...new Set(rawTags.map(text).filter((t): t is string => t !== null && t.length <= 200))];
  const section = text(r.category_ar) ?? text(r.category);
  const author = text(r.author);
  return {
    title,
    body,
    lede: text(r.lede) ?? text(r.abstract) ?? text(r.summary),
    section: section !== null && section.length <= 200 ? section : null,
    author: author !== null && author.length <= 200 ? author : null,
    tags,
    publishedAt,
    readingMinutes: readingMinutes(body),
  };
}
