import type { Article } from './article.js';

/**
 * Surrogate keys: names for what a cached answer shows, so a change purges exactly the answers
 * that show it (docs/decisions/014-page-cache.md has the full table). Pages carry keys; writes
 * purge keys. The same names go to Varnish/CDNs in `Surrogate-Key` headers and purges.
 *
 * @example surrogateKey.article(12) // 'article:12'
 */
export const surrogateKey = {
  /** Everything: a purge of this key empties every cache (settings-wide changes, a node that fell behind). */
  all: '*',
  /** Site settings: every page, feed and sitemap is rendered with them. */
  settings: 'settings',
  /** The section navigation shown on every HTML page (top-level sections). */
  nav: 'nav',
  /** Which articles the breaking-news bar lists (on every HTML page). */
  breaking: 'breaking',
  /** The static pages listed in every footer, and the pages sitemap. */
  pages: 'pages',
  /** The front page's lists. */
  home: 'home',
  /** Site-wide feeds. */
  feed: 'feed',
  /** The site-wide comment feed. */
  comments: 'comments',
  /** Every sitemap (the index, months, taxonomies, pages, news). */
  sitemap: 'sitemap',
  /** Search results. */
  search: 'search',
  /** Answers that are stored redirects. */
  redirect: 'redirect',
  /** The section tree as data (navigation, paths): carried by no page, read by the section directory. */
  sectionTree: 'section-tree',
  /** The article's own pages and comment feed, and every card of it on other pages. */
  article: (id: number) => `article:${id}`,
  /** A section's archive pages and feed (its subsections' articles included). */
  section: (id: number) => `section:${id}`,
  /** Pages showing a section's name or path (breadcrumbs, card labels, subsection lists). */
  sectionLabel: (id: number) => `section-label:${id}`,
  tag: (id: number) => `tag:${id}`,
  tagLabel: (id: number) => `tag-label:${id}`,
  author: (id: number) => `author:${id}`,
  authorLabel: (id: number) => `author-label:${id}`,
  /** Article pages whose related list draws on this tag / whose related and neighbour lists draw on this section. */
  relatedTag: (id: number) => `related:tag:${id}`,
  relatedSection: (id: number) => `related:section:${id}`,
  /** Pages showing this image. */
  media: (id: number) => `media:${id}`,
} as const;

/**
 * Keys of lists (the front page, archives, feeds): an article joining one may show a few seconds
 * late, so a page purged by these alone may be served stale while it is re-rendered. Any other
 * key (a correction, a comment, settings) makes the purge immediate.
 */
export function isListingKey(key: string): boolean {
  return key === surrogateKey.home || key === surrogateKey.feed || /^(?:section|tag|author):\d+$/.test(key);
}

/** An article's state as far as lists are concerned: where, when and how it is listed. */
function listingOf(a: Article): string {
  return JSON.stringify([a.status, a.publishedAt?.getTime() ?? null, a.slug, a.sectionIds, a.tagIds, a.authorIds, a.isBreaking, a.isFeatured]);
}

/**
 * The keys an article write purges. `before`/`after` are the article around the write (null when
 * it did not exist); `ancestorsOf` gives a section's ancestors (archives list their subsections'
 * articles). Nothing is purged when the article was never visible. A correction (title, body,
 * image) purges the article's pages and its cards; a change of where or whether it is listed also
 * purges the lists that show or showed it.
 */
export function articleChangeKeys(before: Article | null, after: Article | null, ancestorsOf: (sectionId: number) => readonly number[]): string[] {
  const wasLive = before?.status === 'published';
  const isLive = after?.status === 'published';
  if (!wasLive && !isLive) return [];
  const id = (after ?? before)!.id;
  // The site comment feed names the articles its comments are on.
  const keys = new Set<string>([surrogateKey.article(id), surrogateKey.search, surrogateKey.comments]);
  const listed = (a: Article | null) => (a?.status === 'published' ? a : null);
  const was = listed(before);
  const is = listed(after);
  if (!was || !is || listingOf(was) !== listingOf(is)) {
    for (const k of [surrogateKey.home, surrogateKey.feed, surrogateKey.sitemap, surrogateKey.redirect]) keys.add(k);
    for (const a of [was, is]) {
      if (!a) continue;
      for (const s of a.sectionIds) {
        keys.add(surrogateKey.section(s));
        keys.add(surrogateKey.relatedSection(s));
        for (const up of ancestorsOf(s)) keys.add(surrogateKey.section(up));
      }
      for (const t of a.tagIds) {
        keys.add(surrogateKey.tag(t));
        keys.add(surrogateKey.relatedTag(t));
      }
      for (const au of a.authorIds) keys.add(surrogateKey.author(au));
    }
    if (was?.isBreaking || is?.isBreaking) keys.add(surrogateKey.breaking);
  }
  // A correction changes a news sitemap entry's title and the feeds' copies too.
  else keys.add(surrogateKey.sitemap);
  return [...keys];
}
