import type { Actor } from '../../domain/access.js';
import { commentFingerprint } from '../../domain/comments/commentTokens.js';
import { sanitizeCommentHtml } from '../../domain/comments/sanitizeCommentHtml.js';
import { validateCommentForm, type CommentFieldErrors } from '../../domain/comments/validateCommentForm.js';
import { AppError } from '../../errors/AppError.js';
import type { CommentEdit } from '../../store/ports.js';
import type { CommentDeps } from './CommentDeps.js';
import { authorizeModeration } from './moderationAccess.js';
import { toModerationComment, type ModerationComment } from './toModerationComment.js';

export interface EditCommentInput {
  authorName?: unknown;
  /** A website, or '' / null to remove it. */
  authorUrl?: unknown;
  /** The new text, as a reader would type it (sanitized the same way). */
  text?: unknown;
}

const FIELD_OF: Record<string, keyof EditCommentInput> = { author: 'authorName', url: 'authorUrl', comment: 'text' };

/**
 * A moderator corrects a comment's name, website or text. Each given field is validated and
 * cleaned exactly as the reader's form is (names lose bidi and zero-width characters, websites must
 * be http(s), the text is sanitized to the comment allow-list); the fingerprint follows the text.
 *
 * @example await editComment({ store }, actor, 12, { text: 'نص مصحّح', authorUrl: null })
 */
export async function editComment(deps: Pick<CommentDeps, 'store'>, actor: Actor, id: number, input: EditCommentInput): Promise<ModerationComment> {
  const { store } = deps;
  const comment = await store.comments.findById(id);
  if (!comment) throw new AppError('NOT_FOUND', `no comment ${id}`);
  await authorizeModeration(store, actor, [comment.articleId]);

  const given = {
    authorName: input.authorName !== undefined,
    authorUrl: input.authorUrl !== undefined,
    text: input.text !== undefined,
  };
  if (!given.authorName && !given.authorUrl && !given.text) throw new AppError('INVALID_INPUT', 'nothing to edit: give authorName, authorUrl or text');
  for (const key of ['authorName', 'text'] as const) {
    if (given[key] && typeof input[key] !== 'string') throw new AppError('INVALID_INPUT', `${key} must be text`, { field: key });
  }
  if (given.authorUrl && input.authorUrl !== null && typeof input.authorUrl !== 'string') throw new AppError('INVALID_INPUT', 'authorUrl must be text or null', { field: 'authorUrl' });

  // The reader's validation on the whole form: unchanged fields take their stored (already clean) values.
  const form = validateCommentForm({
    author: given.authorName ? input.authorName : comment.authorName,
    // The email is not editable; a stand-in keeps an imported odd address from blocking an edit.
    email: 'unchanged@example.com',
    url: given.authorUrl ? (input.authorUrl ?? '') : (comment.authorUrl ?? ''),
    comment: given.text ? input.text : '.',
  });
  if (!form.ok) {
    const errors: CommentFieldErrors = form.errors;
    const fields = Object.keys(errors).map((f) => FIELD_OF[f] ?? f);
    throw new AppError('INVALID_INPUT', `the edit has errors in: ${fields.join(', ')}`, { field: fields[0], fields: errors });
  }
  const edit: CommentEdit = {};
  if (given.authorName) edit.authorName = form.value.authorName;
  if (given.authorUrl) edit.authorUrl = form.value.authorUrl;
  if (given.text) {
    edit.body = sanitizeCommentHtml(form.value.text);
    edit.fingerprint = commentFingerprint(form.value.text);
  }
  const updated = await store.comments.update(id, edit);
  if (!updated) throw new AppError('NOT_FOUND', `no comment ${id}`);
  const article = await store.articles.findById(updated.articleId);
  return toModerationComment(updated, article?.title ?? null);
}
