import type { Comment, CommentStatus } from '../../domain/comment.js';

/**
 * A comment as the newsroom sees it: everything a moderator needs, the private email and IP hash
 * included (never shown to the public). `body` is the sanitized HTML, to be shown as HTML only by
 * a client that trusts our sanitizer; every other field is plain text.
 */
export interface ModerationComment {
  id: number;
  articleId: number;
  articleTitle: string | null;
  parentId: number | null;
  depth: number;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  /** The staff account that wrote it (a reply from the newsroom), if any. */
  userId: number | null;
  isStaff: boolean;
  body: string;
  status: CommentStatus;
  ipHash: string | null;
  userAgent: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toModerationComment(comment: Comment, articleTitle: string | null): ModerationComment {
  return {
    id: comment.id,
    articleId: comment.articleId,
    articleTitle,
    parentId: comment.parentId,
    depth: comment.depth,
    authorName: comment.authorName,
    authorEmail: comment.authorEmail,
    authorUrl: comment.authorUrl,
    userId: comment.userId,
    isStaff: comment.userId !== null,
    body: comment.body,
    status: comment.status,
    ipHash: comment.ipHash,
    userAgent: comment.userAgent,
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
  };
}
