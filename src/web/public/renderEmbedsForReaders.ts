import { decodeBasicEntities } from '../../domain/html/decodeBasicEntities.js';
import { EMBED_PROVIDER_NAMES, embedOf } from '../../domain/html/embedFrame.js';
import { escapeXml as escapeAttribute } from '../../feeds/xml.js';

/**
 * The attributes of a start tag as sanitize-html writes them (` name="value"`, values escaped), read
 * by scanning: a regular expression over them backtracks polynomially on hostile bodies.
 */
function attributesOf(tagText: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let at = 0; ; ) {
    const eq = tagText.indexOf('="', at);
    if (eq === -1) break;
    const end = tagText.indexOf('"', eq + 2);
    if (end === -1) break;
    out.set(tagText.slice(tagText.lastIndexOf(' ', eq) + 1, eq), decodeBasicEntities(tagText.slice(eq + 2, end)));
    at = end + 1;
  }
  return out;
}

/**
 * Turns the embed blocks of stored article HTML (`<figure class="embed" data-embed data-url>`,
 * already sanitized) into click-to-load blocks: a link to the post that works without script,
 * and, with the site's small embeds script, a frame loaded only when the reader clicks. Until then
 * nothing is requested from the provider. Other figures are left as they are.
 *
 * @returns the HTML and whether any embed block was found (the page then needs the script).
 */
export function renderEmbedsForReaders(html: string): { html: string; hasEmbeds: boolean } {
  if (!html.includes('data-embed')) return { html, hasEmbeds: false };
  let hasEmbeds = false;
  let out = '';
  let done = 0;
  // Figures do not nest in stored HTML: each runs from `<figure` to the next `</figure>`.
  for (let start = html.indexOf('<figure', done); start !== -1; start = html.indexOf('<figure', done)) {
    const tagEnd = html.indexOf('>', start);
    const close = tagEnd === -1 ? -1 : html.indexOf('</figure>', tagEnd);
    if (close === -1) break;
    const end = close + '</figure>'.length;
    out += html.slice(done, start) + readerFigure(html.slice(start, end), html.slice(start + '<figure'.length, tagEnd));
    done = end;
  }
  return { html: out + html.slice(done), hasEmbeds };

  function readerFigure(whole: string, attributeText: string): string {
    const attributes = attributesOf(attributeText);
    if (!attributes.has('data-embed')) return whole;
    const embed = embedOf(attributes.get('data-url') ?? '');
    if (!embed) return whole;
    hasEmbeds = true;
    const name = EMBED_PROVIDER_NAMES[embed.provider];
    return (
      `<figure class="embed embed-${embed.provider}" data-frame="${escapeAttribute(embed.frameUrl)}">` +
      `<a class="embed-load" href="${escapeAttribute(embed.url)}" rel="noopener noreferrer" target="_blank" data-title="${escapeAttribute(`منشور من ${name}`)}">` +
      `<span class="embed-provider">${name}</span>` +
      `<span class="embed-action">اضغط لعرض المحتوى من ${name}</span>` +
      '</a>' +
      `<figcaption class="embed-note">لا يُحمَّل شيء من ${name} قبل أن تضغط.</figcaption>` +
      '</figure>'
    );
  }
}
