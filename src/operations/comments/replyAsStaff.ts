import type { Actor } from '../../domain/access.js';
import { commentFingerprint } from '../../domain/comments/commentTokens.js';
import { sanitizeCommentHtml } from '../../domain/comments/sanitizeCommentHtml.js';
import { validateCommentForm } from '../../domain/comments/validateCommentForm.js';
import { AppError } from '../../errors/AppError.js';
import type { CommentDeps } from './CommentDeps.js';
import { authorizeModeration } from './moderationAccess.js';
import { toModerationComment, type ModerationComment } from './toModerationComment.js';

/**
 * The newsroom answers a reader: an approved reply by the signed-in user (their display name and
 * email; `userId` set, so readers see the staff badge). The parent must be an approved comment on
 * an article whose comments the user moderates; the reply nests as a reader's would (at the
 * deepest level it joins its parent's thread). The text is validated and sanitized as readers' is.
 * As in WordPress, staff may answer on an article whose comments are closed to readers.
 *
 * @example await replyAsStaff({ store, site }, userActor(3, 'editor'), 12, 'شكراً على ملاحظتك.')
 */
export async function replyAsStaff(deps: Pick<CommentDeps, 'store' | 'site'>, actor: Actor, parentId: number, text: unknown): Promise<ModerationComment> {
  const { store } = deps;
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'a staff reply is written by a signed-in user');
  const parent = await store.comments.findById(parentId);
  if (!parent) throw new AppError('NOT_FOUND', `no comment ${parentId}`);
  await authorizeModeration(store, actor, [parent.articleId]);
  if (parent.status !== 'approved') throw new AppError('INVALID_INPUT', `comment ${parentId} is ${parent.status}: approve it before replying`, { field: 'parentId' });
  const user = await store.users.findById(actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'the signed-in account no longer exists');
  if (typeof text !== 'string') throw new AppError('INVALID_INPUT', 'text must be text', { field: 'text' });

  const form = validateCommentForm({ author: user.displayName, email: user.email, comment: text });
  if (!form.ok) {
    const field = form.errors.comment ? 'text' : Object.keys(form.errors)[0]!;
    throw new AppError('INVALID_INPUT', `the reply has errors in: ${Object.keys(form.errors).join(', ')}`, { field, fields: form.errors });
  }
  const { maxDepth } = (await deps.site.get()).comments;
  const deepest = parent.depth >= maxDepth;
  const reply = await store.comments.create({
    articleId: parent.articleId,
    parentId: deepest ? parent.parentId : parent.id,
    depth: deepest ? parent.depth : parent.depth + 1,
    authorName: form.value.authorName,
    authorEmail: form.value.authorEmail,
    authorUrl: null,
    userId: user.id,
    body: sanitizeCommentHtml(form.value.text),
    status: 'approved',
    ipHash: null,
    userAgent: null,
    fingerprint: commentFingerprint(form.value.text),
  });
  const article = await store.articles.findById(reply.articleId);
  return toModerationComment(reply, article?.title ?? null);
}
