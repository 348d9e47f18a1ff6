import { parseEmbedUrl } from '../../domain/html/embedUrl.js';
import { sanitizeArticleHtml } from '../../domain/html/sanitizeArticleHtml.js';
import { plainText } from '../../search/plainText.js';

/** What content conversion needs to know about the export's attachments (collected by scanWxr). */
export interface AttachmentLookup {
  /** The file URL of an attachment by WordPress id. */
  url(wpId: string): string | undefined;
  /** Attachment ids whose parent is this post, in export order ([gallery] without ids). */
  childrenOf(postWpId: string): readonly string[];
  /** Where an old file URL now lives (a copied upload), if it moved. */
  rewrite?(url: string): string | undefined;
}

export interface ConvertedContent {
  /** Sanitized with the article allow-list. */
  html: string;
  /** Shortcodes left as text because nothing maps them (names, deduplicated). */
  unknownShortcodes: string[];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `key="value"`, `key='value'` and `key=value` attributes of a shortcode. */
function shortcodeAttrs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+))/g)) out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

function embedBlock(url: string): string | null {
  const target = parseEmbedUrl(url);
  if (!target) return null;
  return `<figure class="embed" data-embed="${target.provider}" data-url="${escapeHtml(target.url)}"><a href="${escapeHtml(target.url)}" dir="ltr">${escapeHtml(target.url)}</a></figure>`;
}

/** A media URL we cannot embed: a link in its own paragraph (no <video>/<audio> in the allow-list). */
function linkBlock(url: string): string {
  return `<p><a href="${escapeHtml(url)}" dir="ltr">${escapeHtml(url)}</a></p>`;
}

function imageFigure(url: string, caption: string | null): string {
  return `<figure class="article-image"><img src="${escapeHtml(url)}" alt="">${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

const BLOCK_START = /^\s*<(?:p|div|h[1-6]|ul|ol|li|blockquote|figure|table|thead|tbody|tr|pre|hr|address|dl|section|article|aside|hgroup|header|footer|nav|details|form|fieldset|!--)[\s>/]/i;

/**
 * WordPress's `wpautop`, reduced to what survives our sanitizer: blank-line-separated chunks that
 * do not start with a block element become paragraphs, and single line breaks inside them `<br>`.
 */
export function autoParagraphs(html: string): string {
  return html
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
}

/**
 * Turns a post's `content:encoded` into the article body readers get: Gutenberg block comments
 * removed (embed blocks become our embed blocks), `[caption]` → figure with caption, `[gallery]` →
 * the gallery's images as figures, `[embed]`, `[video]`, `[audio]` and bare provider URLs on their
 * own line → embed blocks (or links), classic content given paragraphs like WordPress's wpautop,
 * then sanitized with the article allow-list.
 *
 * @example convertContent('[caption]<img src="a.jpg"> صورة[/caption]', 'x', none).html // '<figure class="article-image"><img src="a.jpg" alt="" /><figcaption>صورة</figcaption></figure>'
 */
export function convertContent(raw: string, postWpId: string, attachments: AttachmentLookup): ConvertedContent {
  const unknown = new Set<string>();
  const isBlocks = raw.includes('<!-- wp:');
  let html = raw.replace(/\r\n?/g, '\n');

  // Gutenberg embeds: the URL sits in the wrapper div.
  html = html.replace(/<figure class="wp-block-embed[^"]*"[^>]*>\s*<div class="wp-block-embed__wrapper">\s*([^<\s]+)\s*<\/div>[\s\S]*?<\/figure>/g, (whole, url: string) => embedBlock(url) ?? linkBlock(url));
  html = html.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '');

  html = html.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/g, (_, attrs: string, inner: string) => {
    const a = shortcodeAttrs(attrs);
    const media = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
    const caption = (a.caption ?? media?.[2] ?? '').trim();
    if (!media) return inner;
    return `<figure class="article-image">${media[1]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
  });
  html = html.replace(/\[gallery([^\]]*)\]/g, (_, attrs: string) => {
    const a = shortcodeAttrs(attrs);
    const ids = a.ids ? a.ids.split(',').map((s) => s.trim()).filter(Boolean) : attachments.childrenOf(postWpId);
    const exclude = new Set((a.exclude ?? '').split(',').map((s) => s.trim()));
    return ids
      .filter((id) => !exclude.has(id))
      .map((id) => attachments.url(id))
      .filter((u): u is string => u !== undefined)
      .map((u) => imageFigure(u, null))
      .join('\n');
  });
  html = html.replace(/\[embed([^\]]*)\]([\s\S]*?)\[\/embed\]/g, (_, _attrs: string, url: string) => embedBlock(url.trim()) ?? linkBlock(url.trim()));
  html = html.replace(/\[(video|audio)([^\]]*)\](?:([\s\S]*?)\[\/\1\])?/g, (_, _kind: string, attrs: string) => {
    const a = shortcodeAttrs(attrs);
    const url = a.src ?? a.mp4 ?? a.m4v ?? a.webm ?? a.ogv ?? a.mp3 ?? a.ogg ?? a.wav ?? a.m4a;
    return url ? (embedBlock(url) ?? linkBlock(url)) : '';
  });
  // WordPress auto-embeds a provider URL alone on its line.
  html = html.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm, (line, url: string) => embedBlock(url) ?? line);
  for (const m of html.matchAll(/\[([a-z][\w-]*)(?=[\s\]\/])[^\]]*\]/gi)) unknown.add(m[1]!.toLowerCase());

  if (!isBlocks) html = autoParagraphs(html);
  if (attachments.rewrite) {
    const rewrite = attachments.rewrite;
    html = html.replace(/\b(src|href)="([^"]+)"/g, (whole, attr: string, url: string) => {
      const moved = rewrite(url);
      return moved ? `${attr}="${escapeHtml(moved)}"` : whole;
    });
  }
  return { html: sanitizeArticleHtml(html).trim(), unknownShortcodes: [...unknown] };
}

/** Plain text of an excerpt (the lede): the text a reader sees, or null when there is none. */
export function plainLede(excerpt: string): string | null {
  const text = plainText(excerpt);
  return text === '' ? null : text;
}
