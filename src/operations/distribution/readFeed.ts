import type { Article } from '../../domain/article.js';
import type { Author } from '../../domain/author.js';
import type { Media } from '../../domain/media.js';
import type { Section } from '../../domain/section.js';
import type { Tag } from '../../domain/tag.js';
import type { PublishedFilter } from '../../store/ports.js';
import type { FeedFormat } from '../reading/parsePublicPath.js';
import type { ReadingDeps } from '../reading/ReadingDeps.js';
import { articlePath, permalinkFor } from '../reading/resolvePath.js';
import type { SiteSettings } from '../site/siteSettings.js';

/** Whose articles a feed carries: the whole site, or one section (with its subsections), tag or author. */
export type FeedScope = { kind: 'site' } | { kind: 'section'; section: Section } | { kind: 'tag'; tag: Tag } | { kind: 'author'; author: Author };

export interface FeedEntry {
  article: Article;
  /** Unicode path of the article. */
  path: string;
  authors: Author[];
  tags: Tag[];
  section: Section | null;
  image: Media | null;
}

export interface FeedData {
  settings: SiteSettings;
  scope: FeedScope;
  /** Unicode path of the page the feed belongs to ('/', '/category/…/'). */
  pagePath: string;
  entries: FeedEntry[];
}

/** The path of a page's feed in a format, WordPress style: `/feed/`, `/category/x/feed/atom/`. */
export function feedPath(pagePath: string, format: FeedFormat): string {
  return `${pagePath}feed/${format === 'rss' ? '' : `${format}/`}`;
}

/** How many articles a feed carries (WordPress's default is 10; news readers poll often). */
export const FEED_SIZE = 20;

function byIds<T extends { id: number }>(ids: number[], items: Map<number, T>): T[] {
  return ids.flatMap((id) => items.get(id) ?? []);
}

/** The newest published articles of a scope, whole (bodies, authors, tags, image), for the feeds. */
export async function readFeed(deps: ReadingDeps, scope: FeedScope): Promise<FeedData> {
  const [settings, sections] = await Promise.all([deps.site.get(), deps.sections.get()]);
  const filter: PublishedFilter =
    scope.kind === 'section'
      ? { sectionIds: sections.subtreeIds(scope.section.id) }
      : scope.kind === 'tag'
        ? { tagId: scope.tag.id }
        : scope.kind === 'author'
          ? { authorId: scope.author.id }
          : {};
  const cards = await deps.store.articles.listPublished(filter, { limit: FEED_SIZE, offset: 0 });
  // Four store round-trips: the cards, the articles whole, their bylines and tags, their images.
  const articles = (await deps.store.articles.findByIds(cards.map((c) => c.id))).filter((a) => a.status === 'published');
  const [{ authors, tags }, media] = await Promise.all([
    deps.store.articles.bylinesAndTags({
      authorIds: [...new Set(articles.flatMap((a) => a.authorIds))],
      tagIds: [...new Set(articles.flatMap((a) => a.tagIds))],
    }),
    deps.store.media.findByIds(articles.flatMap((a) => (a.featuredMediaId === null ? [] : [a.featuredMediaId]))),
  ]);
  const authorById = new Map(authors.map((a) => [a.id, a]));
  const tagById = new Map(tags.map((t) => [t.id, t]));
  const mediaById = new Map(media.map((m) => [m.id, m]));
  const permalink = permalinkFor(settings.permalink, settings.timeZone);
  const entries = articles.map((article) => {
    const bylines = byIds(article.authorIds, authorById);
    return {
      article,
      path: articlePath(permalink, sections, article, bylines[0]?.slug ?? null),
      authors: bylines,
      tags: byIds(article.tagIds, tagById),
      section: article.primarySectionId === null ? null : (sections.byId.get(article.primarySectionId) ?? null),
      image: article.featuredMediaId === null ? null : (mediaById.get(article.featuredMediaId) ?? null),
    };
  });
  const pagePath =
    scope.kind === 'section'
      ? `/category/${sections.path(scope.section)}/`
      : scope.kind === 'tag'
        ? `/tag/${scope.tag.slug}/`
        : scope.kind === 'author'
          ? `/author/${scope.author.slug}/`
          : '/';
  return { settings, scope, pagePath, entries };
}
