/** States of a reader comment (DESIGN §4). Only `approved` comments are shown to readers. */
export const commentStatuses = ['pending', 'approved', 'spam', 'trash'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

/**
 * A comment as stored. `authorEmail` is private: it is never published (HTML, feeds, APIs,
 * JSON-LD, error pages, logs); views receive `PublicComment`, which has no such field.
 */
export interface Comment {
  id: number;
  articleId: number;
  parentId: number | null;
  /** 1 for a comment on the article, 2 for a reply to it, … */
  depth: number;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  /** The staff account that wrote it (replies from the newsroom), if any. */
  userId: number | null;
  /** Sanitized HTML (the comment allow-list). */
  body: string;
  status: CommentStatus;
  ipHash: string | null;
  userAgent: string | null;
  /** Hash of the normalized text, for duplicate detection. */
  fingerprint: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewComment {
  articleId: number;
  parentId: number | null;
  depth: number;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  userId?: number | null;
  body: string;
  status: CommentStatus;
  ipHash: string | null;
  userAgent: string | null;
  fingerprint: string;
}

/** What readers may see of a comment: no email, no IP hash, no user agent. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  depth: number;
  authorName: string;
  authorUrl: string | null;
  isStaff: boolean;
  body: string;
  status: 'approved' | 'pending';
  createdAt: Date;
}

export function toPublicComment(comment: Comment): PublicComment {
  return {
    id: comment.id,
    parentId: comment.parentId,
    depth: comment.depth,
    authorName: comment.authorName,
    authorUrl: comment.authorUrl,
    isStaff: comment.userId !== null,
    body: comment.body,
    status: comment.status === 'approved' ? 'approved' : 'pending',
    createdAt: comment.createdAt,
  };
}

/** WordPress's limits (wp_get_comment_fields_max_lengths): characters, except the body in bytes. */
export const commentLimits = {
  authorName: 245,
  authorEmail: 100,
  authorUrl: 200,
  bodyBytes: 65_525,
} as const;
