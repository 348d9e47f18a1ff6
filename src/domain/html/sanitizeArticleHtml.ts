import type sanitizeHtmlModule from 'sanitize-html';
import type { IOptions } from 'sanitize-html';
import { loadOnFirstUse } from '../../lib/loadOnFirstUse.js';

/** Loaded by the first article save or comment with markup, not at start-up (~16 MB resident). */
const sanitizeHtml = loadOnFirstUse<typeof sanitizeHtmlModule>('sanitize-html');

/**
 * The article allow-list: what the editor produces and imports may keep. Everything else
 * (scripts, event handlers, styles, javascript:/data: URLs) is removed on write, so stored HTML is
 * safe to render as is.
 */
const EMBED_PROVIDERS = new Set(['youtube', 'x', 'instagram', 'facebook']);

const options: IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup',
    'a', 'figure', 'figcaption', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'hr', 'code', 'pre',
    'bdi', 'span', 'small', 'cite', 'q', 'abbr', 'mark',
  ],
  allowedAttributes: {
    '*': ['dir', 'lang'],
    // The admin editor's markers: a direction it set itself, and embeds/images as blocks (admin/src/api/README.md).
    p: ['data-dir-auto'],
    h2: ['data-dir-auto'],
    h3: ['data-dir-auto'],
    h4: ['data-dir-auto'],
    figure: ['class', 'data-embed', 'data-url', 'data-media-id'],
    span: ['class'],
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'srcset', 'sizes'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    abbr: ['title'],
  },
  allowedClasses: { figure: ['embed', 'article-image'], span: ['credit'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  transformTags: {
    // Embeds keep only a known provider, an https URL and a numeric media id.
    figure: (tagName, attribs) => {
      const kept = { ...attribs };
      if (kept['data-embed'] !== undefined && !EMBED_PROVIDERS.has(kept['data-embed'])) delete kept['data-embed'];
      if (kept['data-url'] !== undefined && !/^https:\/\//i.test(kept['data-url'])) delete kept['data-url'];
      if (kept['data-media-id'] !== undefined && !/^\d{1,15}$/.test(kept['data-media-id'])) delete kept['data-media-id'];
      return { tagName, attribs: kept };
    },
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      return {
        tagName,
        attribs: external ? { ...attribs, rel: 'noopener noreferrer', ...(attribs.target ? { target: '_blank' } : {}) } : attribs,
      };
    },
  },
};

/** @example sanitizeArticleHtml('<p onclick="x()">نص</p><script>x()</script>') // '<p>نص</p>' */
export function sanitizeArticleHtml(html: string): string {
  // One pass can leave markup a second pass reads differently: `<p><svg …><p>` drops the svg and
  // leaves a <p> nested in a <p>, which the parser closes on the next read. Passes run until the
  // output is stable (a property test found this), so what is stored re-sanitizes to itself.
  let out = sanitizeHtml()(html, options);
  for (let pass = 0; pass < 3; pass++) {
    const again = sanitizeHtml()(out, options);
    if (again === out) break;
    out = again;
  }
  return out;
}
