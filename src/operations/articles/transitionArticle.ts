import type { Actor } from '../../domain/access.js';
import type { Article, ArticleStatus } from '../../domain/article.js';
import { nextStatus, type WorkflowAction } from '../../domain/articleWorkflow.js';
import { AppError } from '../../errors/AppError.js';
import type { ArticleChanges } from '../../store/ports.js';
import { authorize } from '../authorize.js';
import { articleOrThrow, authorizeOnArticle, ownersOf } from './articleAccess.js';
import type { ArticleDeps } from './ArticleDeps.js';
import type { ArticleChange } from './afterArticleChange.js';
import { commitArticleSave } from './commitArticleSave.js';

export interface TransitionInput {
  /** The version the client read; when given, a newer stored version is a CONFLICT. */
  version?: unknown;
  /** `schedule` only: when to publish (ISO 8601, in the future). */
  publishAt?: unknown;
}

const CHANGE: Record<WorkflowAction, ArticleChange> = {
  submit: 'updated',
  schedule: 'scheduled',
  publish: 'published',
  unpublish: 'unpublished',
  trash: 'trashed',
  restore: 'restored',
};

const LIVE_OR_SOON: ReadonlySet<ArticleStatus> = new Set(['published', 'scheduled']);

/**
 * Moves an article through the workflow (src/domain/articleWorkflow.ts), checking the role for the
 * action: submit needs the right to edit it; schedule, publish and unpublish the right to publish it
 * (own for authors, any for editors); trash and restore the right to delete it (contributors: own,
 * never live). Publish, unpublish, trash and restore are written to the audit log.
 */
export async function transitionArticle(deps: ArticleDeps, actor: Actor, id: unknown, action: WorkflowAction, input: TransitionInput = {}): Promise<Article> {
  const before = await articleOrThrow(deps.store, id);
  const to = nextStatus(before.status, action, before.previousStatus);
  const owners = await ownersOf(deps.store, before);
  // Access first: a refused caller learns nothing about the state.
  if (action === 'submit') {
    authorize(actor, 'articles.submitForReview');
    authorizeOnArticle(actor, 'edit', owners, before.status);
  } else if (action === 'trash') {
    authorizeOnArticle(actor, 'delete', owners, before.status);
  } else if (action === 'restore') {
    authorizeOnArticle(actor, 'delete', owners, to ?? before.status);
    if (to && LIVE_OR_SOON.has(to)) authorizeOnArticle(actor, 'publish', owners, to);
  } else {
    authorizeOnArticle(actor, 'publish', owners, before.status);
  }
  if (to === null) throw new AppError('INVALID_TRANSITION', `an article in state ${before.status} cannot ${action}`, { status: before.status, action });
  let expectedVersion: number | undefined;
  if (input.version !== undefined) {
    if (typeof input.version !== 'number' || !Number.isInteger(input.version)) throw new AppError('INVALID_INPUT', 'version must be a whole number', { field: 'version' });
    expectedVersion = input.version;
  }
  const now = deps.now();
  const changes: ArticleChanges = { status: to };
  if (action === 'schedule') {
    const at = typeof input.publishAt === 'string' ? new Date(input.publishAt) : null;
    if (!at || Number.isNaN(at.getTime())) throw new AppError('INVALID_INPUT', 'publishAt: an ISO 8601 time is required to schedule', { field: 'publishAt' });
    if (at.getTime() <= now.getTime()) throw new AppError('INVALID_INPUT', 'publishAt: the time has passed; publish now instead', { field: 'publishAt' });
    changes.publishedAt = at;
  } else if (action === 'publish') {
    // A republished article keeps its first date; one published ahead of its schedule goes out now.
    const keep = before.publishedAt !== null && before.status !== 'scheduled' && before.publishedAt.getTime() <= now.getTime();
    if (!keep) changes.publishedAt = now;
  } else if (action === 'trash') {
    changes.previousStatus = before.status;
  } else if (action === 'restore') {
    changes.previousStatus = null;
  }
  const audited = action === 'publish' || action === 'unpublish' || action === 'trash' || action === 'restore' || action === 'schedule';
  return commitArticleSave(deps, actor, {
    before,
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    changes,
    change: CHANGE[action],
    fromStatuses: [before.status],
    ...(audited ? { audit: { action: `article.${action}`, details: action === 'schedule' ? { publishAt: changes.publishedAt?.toISOString() } : {} } } : {}),
  });
}
