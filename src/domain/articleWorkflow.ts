import type { ArticleStatus } from './article.js';

/**
 * The publishing state machine (DESIGN §4) as data: each action names the states it starts from
 * and the state it leads to. `restore` leads back to the state an article was trashed from.
 *
 *   draft ──submit──► pending ──schedule──► scheduled ──(time)──► published ──unpublish──► unpublished
 *     └──────────────────publish──────────────────────────────────────►┘
 *   any state ──trash──► trash ──restore──► the state before
 */
export const workflowActions = ['submit', 'schedule', 'publish', 'unpublish', 'trash', 'restore'] as const;
export type WorkflowAction = (typeof workflowActions)[number];

interface TransitionRule {
  from: readonly ArticleStatus[];
  /** The target state; `previous` is resolved from the article's remembered state. */
  to: ArticleStatus | 'previous';
}

export const transitionRules: Readonly<Record<WorkflowAction, TransitionRule>> = Object.freeze({
  submit: { from: ['draft', 'unpublished'], to: 'pending' },
  schedule: { from: ['draft', 'pending', 'scheduled', 'unpublished'], to: 'scheduled' },
  publish: { from: ['draft', 'pending', 'scheduled', 'unpublished'], to: 'published' },
  unpublish: { from: ['published', 'scheduled'], to: 'unpublished' },
  trash: { from: ['draft', 'pending', 'scheduled', 'published', 'unpublished'], to: 'trash' },
  restore: { from: ['trash'], to: 'previous' },
});

/** States a restored article may go back to; a stored previous state outside it falls back to draft. */
const RESTORABLE: ReadonlySet<ArticleStatus> = new Set(['draft', 'pending', 'scheduled', 'published', 'unpublished']);

/**
 * The state `action` leads to from `from`, or null when the action is not allowed there.
 *
 * @example nextStatus('draft', 'submit') // 'pending'
 * @example nextStatus('trash', 'restore', 'published') // 'published'
 * @example nextStatus('published', 'submit') // null
 */
export function nextStatus(from: ArticleStatus, action: WorkflowAction, previous: ArticleStatus | null = null): ArticleStatus | null {
  const rule = transitionRules[action];
  if (!rule.from.includes(from)) return null;
  if (rule.to !== 'previous') return rule.to;
  return previous !== null && RESTORABLE.has(previous) ? previous : 'draft';
}

/** Every action allowed from a state (for the admin client's buttons). */
export function allowedActions(from: ArticleStatus): WorkflowAction[] {
  return workflowActions.filter((action) => transitionRules[action].from.includes(from));
}

/** Whether readers can see an article in this state. */
export function isLive(status: ArticleStatus): boolean {
  return status === 'published';
}
