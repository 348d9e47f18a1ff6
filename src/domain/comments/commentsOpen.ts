import type { Article } from '../article.js';

/**
 * Whether readers may comment on an article now: it is published, its comments are open, and the
 * site's "close after N days" has not passed.
 */
export function commentsOpen(article: Pick<Article, 'status' | 'commentsOpen' | 'publishedAt'>, closeAfterDays: number | null, now: Date): boolean {
  if (article.status !== 'published' || !article.commentsOpen) return false;
  if (closeAfterDays === null || article.publishedAt === null) return true;
  return now.getTime() < article.publishedAt.getTime() + closeAfterDays * 86_400_000;
}
