import type sanitizeHtmlModule from 'sanitize-html';
import type { IOptions } from 'sanitize-html';
import { loadOnFirstUse } from '../../lib/loadOnFirstUse.js';

/** Loaded by the first article save or comment with markup, not at start-up (~16 MB resident). */
const sanitizeHtml = loadOnFirstUse<typeof sanitizeHtmlModule>('sanitize-html');

/**
 * The comment allow-list: WordPress's few inline tags for readers, links made `nofollow ugc`,
 * nothing else. Stricter than the article list (no images, tables, headings, attributes beyond href).
 */
const options: IOptions = {
  allowedTags: ['a', 'b', 'strong', 'i', 'em', 'blockquote', 'code', 'del', 's', 'q', 'br', 'p'],
  // `rel` is always ours (transformTags overwrites whatever was typed).
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    // Only absolute http(s) links: a relative or odd href in a comment is never what the reader meant.
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      const safe = href !== undefined && /^https?:\/\/[^\s]+$/i.test(href.trim());
      return { tagName, attribs: { ...rest, ...(safe ? { href: href.trim() } : {}), rel: 'nofollow ugc noopener noreferrer' } };
    },
  },
  // Every other attribute (style, on*, dir overrides) is dropped by the allow-list above.
};

/**
 * Paragraphs from blank lines, line breaks from single newlines (what WordPress's wpautop does for
 * comments); `br` as sanitize-html writes it (`<br />`), or as its input.
 */
function paragraphs(text: string, br = '<br>'): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => `<p>${block.replace(/\n/g, br)}</p>`)
    .join('');
}

/**
 * Any comment through sanitize-html's parser and allow-list. `sanitizeCommentHtml` gives the same
 * bytes, parsing only comments that contain markup.
 */
export function sanitizeCommentMarkup(text: string): string {
  // Readers type text, not entities: "&lt;" typed is shown as "&lt;", so every "&" is literal.
  return sanitizeHtml()(paragraphs(text.replace(/&/g, '&amp;')), options);
}

/**
 * A reader's comment as stored HTML: the allowed inline tags kept, anything else shown as text
 * (escaped, never executed), paragraphs and line breaks from the typed newlines; what the reader
 * typed is what readers see (an "&lt;" typed stays "&lt;").
 *
 * @example sanitizeCommentHtml('شكراً <b>جزيلاً</b>\n<script>x()</script>') // '<p>شكراً <b>جزيلاً</b><br />&lt;script&gt;x()&lt;/script&gt;</p>'
 */
export function sanitizeCommentHtml(text: string): string {
  // Most comments are plain text: with no "<" there is no tag to keep or escape, and sanitize-html
  // would only escape "&" and ">" around our paragraphs (test/unit/comments/sanitizeCommentHtml.test.ts
  // checks the bytes are the same). Parsing is most of a post's CPU otherwise.
  if (!text.includes('<')) return paragraphs(text.replace(/&/g, '&amp;').replace(/>/g, '&gt;'), '<br />');
  return sanitizeCommentMarkup(text);
}
