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

/**
 * Everything an article page shows, with page `commentPage` of its comments. `article` must be
 * published (checked by the caller that found it); null when the comment page does not exist.
 */
export async function readArticle(deps: ReadingDeps, article: Article, commentPage = 1): Promise<ArticleData | null> {
  const { store } = deps;
  const settings = await deps.site.get();
  const comments = await readArticleComments(store, article, settings.comments, commentPage, deps.now());
  if (!comments) return null;
  // Store round-trips of an article page (docs/decisions/020-store-round-trips.md): the article
  // (read by the caller), its bylines and tags, its related and neighbour cards, their images, and
  // its comments when it has any; the frame's lists are held per process (readFrame).
  const [frame, { authors, tags }, { related, previous, next }] = await Promise.all([
    readFrame(deps),
    store.articles.bylinesAndTags(article),
    store.articles.neighbours(article, 4, article.primarySectionId),
  ]);
  const media = await loadMedia(store, [...related, previous, next], [article.featuredMediaId]);
  return {
    frame,
    article,
    authors,
    tags,
    related,
    previous,
    next,
    media,
    comments,
  };
}
