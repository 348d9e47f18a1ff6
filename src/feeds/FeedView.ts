/** What every feed format is rendered from: absolute URLs, instants, plain text and HTML. */
export interface FeedItemView {
  /** Permanent id: never changes when the slug or permalink structure does (WordPress's `?p=` form). */
  id: string;
  url: string;
  title: string;
  summary: string | null;
  /** Sanitized article HTML, with relative links made absolute. */
  contentHtml: string;
  published: Date;
  updated: Date;
  authors: { name: string; url: string | null }[];
  categories: string[];
  image: { url: string; type: string; width: number | null; height: number | null; length: number } | null;
}

export interface FeedView {
  title: string;
  description: string;
  /** Language subtag, e.g. 'ar'. */
  language: string;
  /** IANA zone: dates are written with the site's offset. */
  timeZone: string;
  /** The HTML page the feed belongs to. */
  homeUrl: string;
  /** This feed's own URL. */
  selfUrl: string;
  /** The site's icon, absolute. */
  iconUrl: string;
  /** WebSub hubs that are pinged when this feed changes (`rel="hub"`); empty when none is configured. */
  hubs: readonly string[];
  generator: string;
  items: FeedItemView[];
}

/** The newest change among the items (the feed's `updated`/`lastBuildDate`), or the epoch for an empty feed. */
export function feedUpdated(feed: FeedView): Date {
  let newest = 0;
  for (const item of feed.items) newest = Math.max(newest, item.updated.getTime());
  return new Date(newest);
}
