import { zonedTime } from '../domain/text/zonedTime.js';
import type { FeedView } from './FeedView.js';

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
 *
 * @example JSON.parse(renderJsonFeed(feed)).version // 'https://jsonfeed.org/version/1.1'
 */
export function renderJsonFeed(feed: FeedView): string {
  const zone = zonedTime(feed.timeZone);
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    description: feed.description,
    home_page_url: feed.homeUrl,
    feed_url: feed.selfUrl,
    icon: feed.iconUrl,
    language: feed.language,
    ...(feed.hubs.length ? { hubs: feed.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      ...(item.summary === null ? {} : { summary: item.summary }),
      content_html: item.contentHtml,
      ...(item.image === null ? {} : { image: item.image.url }),
      date_published: zone.isoWithOffset(item.published),
      date_modified: zone.isoWithOffset(item.updated),
      authors: item.authors.map((a) => (a.url ? { name: a.name, url: a.url } : { name: a.name })),
      tags: item.categories,
    })),
  });
}
