import type { Article } from '../../domain/article.js';
import { toPublicComment, type PublicComment } from '../../domain/comment.js';
import { canonicalArticlePath } from '../reading/resolvePath.js';
import type { ReadingDeps } from '../reading/ReadingDeps.js';
import type { SiteSettings } from '../site/siteSettings.js';

/** Whose comments a feed carries: the whole site's, or one article's. */
export type CommentFeedScope = { kind: 'site' } | { kind: 'article'; article: Article; path: string };

export interface CommentFeedEntry {
  comment: PublicComment;
  articleTitle: string;
  /** Unicode path of the article the comment is on. */
  articlePath: string;
}

export interface CommentFeedData {
  settings: SiteSettings;
  scope: CommentFeedScope;
  entries: CommentFeedEntry[];
}

/** How many comments a comment feed carries. */
export const COMMENT_FEED_SIZE = 30;

/**
 * The newest approved comments, site-wide or of one article, as WordPress's comment feeds carry
 * them. Only what readers see on the pages: approved comments of published articles, no emails.
 */
export async function readCommentFeed(deps: ReadingDeps, scope: CommentFeedScope): Promise<CommentFeedData> {
  const settings = await deps.site.get();
  const comments = await deps.store.comments.list(
    { statuses: ['approved'], ...(scope.kind === 'article' ? { articleId: scope.article.id } : {}) },
    { limit: COMMENT_FEED_SIZE, offset: 0 },
  );
  const articles = new Map<number, { title: string; path: string } | null>();
  if (scope.kind === 'article') articles.set(scope.article.id, { title: scope.article.title, path: scope.path });
  for (const id of new Set(comments.map((c) => c.articleId))) {
    if (articles.has(id)) continue;
    const article = await deps.store.articles.findById(id);
    articles.set(id, article && article.status === 'published' ? { title: article.title, path: await canonicalArticlePath(deps, article) } : null);
  }
  const entries = comments.flatMap((c) => {
    const article = articles.get(c.articleId);
    return article ? [{ comment: toPublicComment(c), articleTitle: article.title, articlePath: article.path }] : [];
  });
  return { settings, scope, entries };
}
