import { zonedTime } from '../domain/text/zonedTime.js';
import { feedUpdated, type FeedView } from './FeedView.js';
import { escapeXml } from './xml.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 822 date with the site's offset, as RSS 2.0 wants: 'Sun, 29 Nov 2026 11:00:00 +0100'. */
export function rfc822(date: Date, timeZone: string): string {
  const zone = zonedTime(timeZone);
  const p = zone.parts(date);
  const weekday = DAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${weekday}, ${two(p.day)} ${MONTHS[p.month - 1]} ${p.year} ${two(p.hour)}:${two(p.minute)}:${two(p.second)} ${zone.offsetString(date).replace(':', '')}`;
}

/**
 * RSS 2.0 with `content:encoded`, `dc:creator`, `media:content` and `atom:link rel="self"` (and `rel="hub"` per WebSub hub), as
 * WordPress emits it (feed readers and aggregators expect that shape).
 *
 * @example renderRss(feed).startsWith('<?xml version="1.0" encoding="UTF-8"?>')
 */
export function renderRss(feed: FeedView): string {
  const tz = feed.timeZone;
  const items = feed.items.map((item) => {
    const parts = [
      `<title>${escapeXml(item.title)}</title>`,
      `<link>${escapeXml(item.url)}</link>`,
      `<guid isPermaLink="false">${escapeXml(item.id)}</guid>`,
      `<pubDate>${rfc822(item.published, tz)}</pubDate>`,
      ...item.authors.map((a) => `<dc:creator>${escapeXml(a.name)}</dc:creator>`),
      ...item.categories.map((c) => `<category>${escapeXml(c)}</category>`),
      item.summary === null ? '' : `<description>${escapeXml(item.summary)}</description>`,
      `<content:encoded>${escapeXml(item.contentHtml)}</content:encoded>`,
      item.image === null
        ? ''
        : `<media:content url="${escapeXml(item.image.url)}" medium="image" type="${escapeXml(item.image.type)}"${
            item.image.width ? ` width="${item.image.width}"` : ''
          }${item.image.height ? ` height="${item.image.height}"` : ''}/>`,
    ];
    return `<item>${parts.join('')}</item>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">' +
    '<channel>' +
    `<title>${escapeXml(feed.title)}</title>` +
    `<atom:link href="${escapeXml(feed.selfUrl)}" rel="self" type="application/rss+xml"/>` +
    feed.hubs.map((hub) => `<atom:link href="${escapeXml(hub)}" rel="hub"/>`).join('') +
    `<link>${escapeXml(feed.homeUrl)}</link>` +
    `<description>${escapeXml(feed.description)}</description>` +
    `<language>${escapeXml(feed.language)}</language>` +
    `<lastBuildDate>${rfc822(feedUpdated(feed), tz)}</lastBuildDate>` +
    `<generator>${escapeXml(feed.generator)}</generator>` +
    items.join('') +
    '</channel></rss>\n'
  );
}
