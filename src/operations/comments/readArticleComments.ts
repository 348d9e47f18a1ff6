import type { Article } from '../../domain/article.js';
import { toPublicComment, type Comment, type PublicComment } from '../../domain/comment.js';
import { commentsOpen } from '../../domain/comments/commentsOpen.js';
import type { CommentSettings } from '../site/siteSettings.js';
import type { Store } from '../../store/ports.js';

export interface CommentNode {
  comment: PublicComment;
  replies: CommentNode[];
}

/** The approved comments of one page of an article's comments, as threads. */
export interface ArticleComments {
  open: boolean;
  /** Approved comments on the article (all pages). */
  count: number;
  page: number;
  pages: number;
  threads: CommentNode[];
  maxDepth: number;
}

/** Threads from a flat list; a reply whose parent is not shown (held, trashed) starts its own thread. */
export function buildThreads(comments: readonly Comment[], order: 'oldest' | 'newest'): CommentNode[] {
  const nodes = new Map<number, CommentNode>();
  for (const c of comments) nodes.set(c.id, { comment: toPublicComment(c), replies: [] });
  const roots: CommentNode[] = [];
  for (const c of comments) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }
  if (order === 'newest') roots.reverse();
  return roots;
}

/**
 * One page of an article's approved comments (top-level threads per page from the settings; replies
 * stay with their thread). Returns null for a page past the last (the caller answers 404).
 */
export async function readArticleComments(
  store: Store,
  article: Article,
  settings: CommentSettings,
  page: number,
  now: Date,
): Promise<ArticleComments | null> {
  const approved = article.commentCount === 0 ? [] : await store.comments.listApproved(article.id);
  const threads = buildThreads(approved, settings.order);
  const pages = Math.max(1, Math.ceil(threads.length / settings.perPage));
  if (page > pages) return null;
  return {
    open: commentsOpen(article, settings.closeAfterDays, now),
    count: approved.length,
    page,
    pages,
    threads: threads.slice((page - 1) * settings.perPage, page * settings.perPage),
    maxDepth: settings.maxDepth,
  };
}

/** A held comment shown to its author alone, when the link's hash is right. */
export function isOwnPendingComment(comment: Comment | null, articleId: number): comment is Comment {
  return comment !== null && comment.articleId === articleId && comment.status === 'pending';
}

/**
 * The page of an article's comments that shows `comment` (approved): the page of its thread's
 * top-level comment, found from the article's thread count and the threads after it (a new
 * comment has few), not by reading or counting the article's comments.
 */
export async function commentPageOf(store: Store, article: Pick<Article, 'id' | 'commentCount'>, comment: Comment, settings: CommentSettings): Promise<number> {
  // `article` may have been read before the comment was added: one more is the most it can have.
  if (article.commentCount + 1 <= settings.perPage) return 1;
  let root = comment;
  for (let hops = 0; root.parentId !== null && hops < 20; hops++) {
    const parent = await store.comments.findById(root.parentId);
    if (!parent || parent.status !== 'approved') break;
    root = parent;
  }
  // Threads before the root = all threads − those from the root on (the root included when it is one).
  const { total, fromHere } = await store.comments.threadsFrom(article.id, { createdAt: root.createdAt, id: root.id });
  const index = settings.order === 'oldest' ? total - fromHere : fromHere - 1;
  return Math.floor(Math.max(0, index) / settings.perPage) + 1;
}
