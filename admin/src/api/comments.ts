import { api, queryString } from './client.js';

export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';
export const commentStatuses: readonly CommentStatus[] = ['pending', 'approved', 'spam', 'trash'];
export type ModerationAction = 'approve' | 'unapprove' | 'spam' | 'trash' | 'restore' | 'delete';

/** README "Comments" → "Moderation". `body` is sanitized HTML; every other field is plain text. */
export interface ModerationComment {
  id: number;
  articleId: number;
  articleTitle: string | null;
  parentId: number | null;
  depth: number;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  userId: number | null;
  isStaff: boolean;
  body: string;
  status: CommentStatus;
  ipHash: string | null;
  userAgent: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CommentList {
  items: ModerationComment[];
  counts: Record<CommentStatus, number>;
  total: number;
  page: number;
  perPage: number;
  pages: number;
}

export interface ModerationResult {
  action: ModerationAction;
  changed: number[];
  unchanged: number[];
}

export async function listComments(filter: { status?: CommentStatus | 'all'; q?: string; article?: number; page?: number; perPage?: number }): Promise<CommentList> {
  return api('GET', `/comments${queryString(filter)}`);
}

/** Any moderation action on one or many comments (all or nothing). */
export async function moderate(ids: number[], action: ModerationAction): Promise<ModerationResult> {
  if (ids.length === 1) {
    const id = ids[0]!;
    return action === 'delete' ? api('DELETE', `/comments/${id}`) : api('POST', `/comments/${id}/${action}`, {});
  }
  return api('POST', '/comments/bulk', { ids, action });
}

export async function editComment(id: number, input: { authorName?: string; authorUrl?: string; text?: string }): Promise<ModerationComment> {
  return (await api<{ comment: ModerationComment }>('PATCH', `/comments/${id}`, input)).comment;
}

export async function replyToComment(id: number, text: string): Promise<ModerationComment> {
  return (await api<{ comment: ModerationComment }>('POST', `/comments/${id}/replies`, { text })).comment;
}
