import { EMBED_PROVIDER_NAMES, embedOf } from '../../domain/html/embedFrame.js';

const FIGURE = /<figure\b([^>]*)>[\s\S]*?<\/figure>/g;
const ATTRIBUTE = /([a-z-]+)="([^"]*)"/g;

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const decodeAttribute = (value: string) =>
  value.replace(/&(amp|quot|lt|gt|#39|#x27);/g, (_, name: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'", '#x27': "'" })[name] ?? '');

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
  const out = html.replace(FIGURE, (whole, attributeText: string) => {
    const attributes = new Map([...attributeText.matchAll(ATTRIBUTE)].map((m) => [m[1]!, decodeAttribute(m[2]!)]));
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
  });
  return { html: out, hasEmbeds };
}
