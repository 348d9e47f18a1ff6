import type { Actor } from '../../domain/access.js';
import type { CommentStatus } from '../../domain/comment.js';
import { AppError } from '../../errors/AppError.js';
import type { CommentDeps } from './CommentDeps.js';
import { authorizeModeration } from './moderationAccess.js';

export const moderationActions = ['approve', 'unapprove', 'spam', 'trash', 'restore', 'delete'] as const;
export type ModerationAction = (typeof moderationActions)[number];

/** What each action does: the state it sets and the states it applies to (others stay as they are). */
const transitions: Record<Exclude<ModerationAction, 'delete'>, { to: CommentStatus; from?: readonly CommentStatus[] }> = {
  approve: { to: 'approved' },
  unapprove: { to: 'pending', from: ['approved'] },
  spam: { to: 'spam' },
  trash: { to: 'trash' },
  restore: { to: 'pending', from: ['trash', 'spam'] },
};

export interface ModerationResult {
  action: ModerationAction;
  /** The comments the action changed (deleted, for `delete`), by id. */
  changed: number[];
  /** Comments already in the target state, or not in a state the action applies to. */
  unchanged: number[];
}

/** At most this many comments per bulk action. */
export const MAX_BULK = 500;

function invalid(field: string, message: string): AppError {
  return new AppError('INVALID_INPUT', message, { field });
}

/** Positive integer ids, each once, in the order given. */
export function commentIdsOf(ids: unknown): number[] {
  if (!Array.isArray(ids) || ids.length === 0) throw invalid('ids', 'ids must be a non-empty list of comment ids');
  if (ids.length > MAX_BULK) throw invalid('ids', `at most ${MAX_BULK} comments per action`);
  const out = new Set<number>();
  for (const id of ids) {
    const n = typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : id;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw invalid('ids', `not a comment id: ${JSON.stringify(id)}`);
    out.add(n);
  }
  return [...out];
}

/**
 * Moderates comments in bulk: approve, unapprove (→ pending), spam, trash, restore (trash or spam →
 * pending) or delete (for good; only comments in the trash or spam). All or nothing: an unknown id
 * (NOT_FOUND), an id the actor may not moderate (FORBIDDEN) or a delete of a comment that is not in
 * the trash or spam (INVALID_INPUT) refuses the whole request before anything is written. Counts on
 * articles and the page readers see follow in the same transaction.
 *
 * @example await moderateComments({ store }, systemActor('cli'), [12, 13], 'approve') // { action: 'approve', changed: [12], unchanged: [13] }
 */
export async function moderateComments(deps: Pick<CommentDeps, 'store'>, actor: Actor, idsInput: unknown, actionInput: unknown): Promise<ModerationResult> {
  const { store } = deps;
  if (!moderationActions.includes(actionInput as ModerationAction)) throw invalid('action', `action must be one of ${moderationActions.join(', ')}`);
  const action = actionInput as ModerationAction;
  const ids = commentIdsOf(idsInput);

  const comments = await store.comments.findByIds(ids);
  const found = new Set(comments.map((c) => c.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new AppError('NOT_FOUND', `no comment ${missing.join(', ')}`, { ids: missing });
  await authorizeModeration(store, actor, comments.map((c) => c.articleId));

  let changed: number[];
  if (action === 'delete') {
    const live = comments.filter((c) => c.status !== 'trash' && c.status !== 'spam').map((c) => c.id);
    if (live.length > 0) throw invalid('ids', `only comments in the trash or spam can be deleted for good; trash these first: ${live.join(', ')}`);
    changed = await store.comments.deleteForever(ids);
  } else {
    const { to, from } = transitions[action];
    changed = await store.comments.setStatus(ids, to, from);
  }
  const done = new Set(changed);
  return { action, changed, unchanged: ids.filter((id) => !done.has(id)).sort((a, b) => a - b) };
}
