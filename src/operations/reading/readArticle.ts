import type { Article, ArticleCard } from '../../domain/article.js';
import type { Author } from '../../domain/author.js';
import type { Media } from '../../domain/media.js';
import type { Tag } from '../../domain/tag.js';
import { readArticleComments, type ArticleComments } from '../comments/readArticleComments.js';
import { loadMedia } from './loadMedia.js';
import type { ReadingDeps } from './ReadingDeps.js';
import { readFrame, type FrameData } from './readFrame.js';

export interface ArticleData {
  frame: FrameData;
  article: Article;
  authors: Author[];
  tags: Tag[];
  related: ArticleCard[];
  previous: ArticleCard | null;
  next: ArticleCard | null;
  media: Map<number, Media>;
  comments: ArticleComments;
}

function inOrder<T extends { id: number }>(ids: number[], items: T[]): T[] {
  const byId = new Map(items.map((x) => [x.id, x]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Everything an article page shows, with page `commentPage` of its comments. `article` must be
 * published (checked by the caller that found it); null when the comment page does not exist.
 */
export async function readArticle(deps: ReadingDeps, article: Article, commentPage = 1): Promise<ArticleData | null> {
  const { store } = deps;
  const settings = await deps.site.get();
  const comments = await readArticleComments(store, article, settings.comments, commentPage, deps.now());
  if (!comments) return null;
  const [frame, authors, tags, related, adjacent] = await Promise.all([
    readFrame(deps),
    store.authors.findByIds(article.authorIds),
    store.tags.findByIds(article.tagIds),
    store.articles.related(article, 4),
    article.primarySectionId === null
      ? Promise.resolve({ previous: null, next: null })
      : store.articles.adjacentInSection(article, article.primarySectionId),
  ]);
  const media = await loadMedia(store, [...related, adjacent.previous, adjacent.next], [article.featuredMediaId]);
  return {
    frame,
    article,
    authors: inOrder(article.authorIds, authors),
    tags: inOrder(article.tagIds, tags),
    related,
    previous: adjacent.previous,
    next: adjacent.next,
    media,
    comments,
  };
}
