import sanitizeHtml from 'sanitize-html';

/**
 * The article allow-list: what the editor produces and imports may keep. Everything else
 * (scripts, event handlers, styles, javascript:/data: URLs) is removed on write, so stored HTML is
 * safe to render as is.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup',
    'a', 'figure', 'figcaption', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'hr', 'code', 'pre',
    'bdi', 'span', 'small', 'cite', 'q', 'abbr', 'mark',
  ],
  allowedAttributes: {
    '*': ['dir', 'lang'],
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'srcset', 'sizes'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    abbr: ['title'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  transformTags: {
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
  return sanitizeHtml(html, options);
}
