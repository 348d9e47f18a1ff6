import { zonedTime } from '../domain/text/zonedTime.js';
import { feedUpdated, type FeedView } from './FeedView.js';
import { escapeXml } from './xml.js';

/**
 * Atom (RFC 4287). Dates are RFC 3339 with the site's offset; content is HTML, escaped once.
 *
 * @example renderAtom(feed).includes('<feed xmlns="http://www.w3.org/2005/Atom"')
 */
export function renderAtom(feed: FeedView): string {
  const zone = zonedTime(feed.timeZone);
  const entries = feed.items.map((item) =>
    [
      '<entry>',
      `<id>${escapeXml(item.id)}</id>`,
      `<title type="text">${escapeXml(item.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(item.url)}"/>`,
      `<published>${zone.isoWithOffset(item.published)}</published>`,
      `<updated>${zone.isoWithOffset(item.updated)}</updated>`,
      ...item.authors.map((a) => `<author><name>${escapeXml(a.name)}</name>${a.url ? `<uri>${escapeXml(a.url)}</uri>` : ''}</author>`),
      ...item.categories.map((c) => `<category term="${escapeXml(c)}"/>`),
      item.summary === null ? '' : `<summary type="text">${escapeXml(item.summary)}</summary>`,
      `<content type="html">${escapeXml(item.contentHtml)}</content>`,
      item.image === null ? '' : `<link rel="enclosure" type="${escapeXml(item.image.type)}" href="${escapeXml(item.image.url)}" length="${item.image.length}"/>`,
      '</entry>',
    ].join(''),
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">` +
    `<id>${escapeXml(feed.selfUrl)}</id>` +
    `<title type="text">${escapeXml(feed.title)}</title>` +
    `<subtitle type="text">${escapeXml(feed.description)}</subtitle>` +
    `<updated>${zone.isoWithOffset(feedUpdated(feed))}</updated>` +
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>` +
    feed.hubs.map((hub) => `<link rel="hub" href="${escapeXml(hub)}"/>`).join('') +
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.homeUrl)}"/>` +
    `<icon>${escapeXml(feed.iconUrl)}</icon>` +
    `<generator>${escapeXml(feed.generator)}</generator>` +
    entries.join('') +
    '</feed>\n'
  );
}
