import { createHash } from 'node:crypto';
import type { PublicComment } from '../../domain/comment.js';
import type { ArticleComments, CommentNode } from '../../operations/comments/readArticleComments.js';
import { commentPagePath } from '../../operations/reading/readPublicPath.js';
import type { AvatarView, CommentsView, CommentView, DateView } from '../../views/models.js';
import { commentCountLabel } from './commentCountLabel.js';
import { href } from './createPresenter.js';

export { commentCountLabel };

/** Initials and a stable hue from a display name (first letter of the first and, for Latin names, last word). */
export function avatarOf(name: string): AvatarView {
  const words = name.split(/\s+/u).filter((w) => /\p{L}/u.test(w));
  const first = [...(words[0] ?? '؟')].find((ch) => /\p{L}/u.test(ch)) ?? '؟';
  const last = words.length > 1 ? [...words[words.length - 1]!].find((ch) => /\p{L}/u.test(ch)) : undefined;
  // Arabic letters would join into one glyph; one letter reads better than a ligature.
  const initials = /\p{Script=Latin}/u.test(first) && last && /\p{Script=Latin}/u.test(last) ? (first + last).toUpperCase() : first.toUpperCase();
  const hue = createHash('md5').update(name).digest().readUInt16BE(0) % 360;
  return { initials, hue };
}

export interface CommentPresenterContext {
  dateTime(date: Date): DateView;
  /** Replies are offered (comments open) up to this depth. */
  open: boolean;
  maxDepth: number;
}

export function presentComment(c: PublicComment, replies: CommentView[], ctx: CommentPresenterContext): CommentView {
  return {
    id: c.id,
    authorName: c.authorName,
    authorUrl: c.authorUrl,
    isStaff: c.isStaff,
    avatar: avatarOf(c.authorName),
    date: ctx.dateTime(c.createdAt),
    bodyHtml: c.body,
    replyHref: ctx.open && c.status === 'approved' && c.depth < ctx.maxDepth ? `?replytocom=${c.id}#respond` : null,
    pending: c.status === 'pending',
    replies,
  };
}

function presentNode(node: CommentNode, ctx: CommentPresenterContext): CommentView {
  return presentComment(node.comment, node.replies.map((r) => presentNode(r, ctx)), ctx);
}

/** The comments block of an article page: count, threads of this page, paging between comment pages. */
export function presentComments(comments: ArticleComments, articlePath: string, dateTime: (d: Date) => DateView): CommentsView {
  const ctx = { dateTime, open: comments.open, maxDepth: comments.maxDepth };
  const pageHref = (n: number) => `${href(commentPagePath(articlePath, n))}#comments`;
  return {
    open: comments.open,
    count: comments.count,
    countLabel: commentCountLabel(comments.count),
    threads: comments.threads.map((node) => presentNode(node, ctx)),
    pagination: {
      page: comments.page,
      totalPages: comments.pages,
      prevHref: comments.page > 1 ? pageHref(comments.page - 1) : null,
      nextHref: comments.page < comments.pages ? pageHref(comments.page + 1) : null,
    },
    articleHref: href(articlePath),
  };
}
