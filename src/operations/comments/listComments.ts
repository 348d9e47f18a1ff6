import type { Actor } from '../../domain/access.js';
import { commentStatuses, type CommentStatus } from '../../domain/comment.js';
import { AppError } from '../../errors/AppError.js';
import type { CommentFilter } from '../../store/ports.js';
import type { CommentDeps } from './CommentDeps.js';
import { moderationScope } from './moderationAccess.js';
import { toModerationComment, type ModerationComment } from './toModerationComment.js';

export interface ListCommentsInput {
  status?: unknown;
  articleId?: unknown;
  search?: unknown;
  page?: unknown;
  perPage?: unknown;
}

export interface CommentList {
  items: ModerationComment[];
  /** Comments per state under the same article/search filter (the tabs of a moderation screen). */
  counts: Record<CommentStatus, number>;
  /** Comments matching the whole filter, state included. */
  total: number;
  page: number;
  perPage: number;
  pages: number;
}

export const MAX_PER_PAGE = 100;
const MAX_SEARCH = 200;

function invalid(field: string, message: string): AppError {
  return new AppError('INVALID_INPUT', message, { field });
}

/** A whole number from `min` to `max`, from a number or a query-string digit string; `fallback` when absent. */
export function wholeNumber(value: unknown, field: string, min: number, max: number, fallback?: number): number {
  if ((value === undefined || value === '') && fallback !== undefined) return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(field, `${field} must be a whole number from ${min} to ${max}`);
  return n;
}

/**
 * The newsroom's comment list, newest first: one page, with the article's title on each item and
 * per-state counts for the tabs. Editors and admins see every comment; authors only those on their
 * own articles (the query is narrowed, so counts and pages are theirs too); contributors nothing.
 *
 * @example await listComments({ store }, actor, { status: 'pending', page: 1 }) // { items, counts: { pending: 3, … }, total: 3, … }
 */
export async function listComments(deps: Pick<CommentDeps, 'store'>, actor: Actor, input: ListCommentsInput): Promise<CommentList> {
  const { store } = deps;
  const scope = await moderationScope(store, actor);

  let status: CommentStatus | undefined;
  if (input.status !== undefined && input.status !== '' && input.status !== 'all') {
    if (!commentStatuses.includes(input.status as CommentStatus)) throw invalid('status', `status must be one of ${commentStatuses.join(', ')}`);
    status = input.status as CommentStatus;
  }
  const articleId = input.articleId === undefined || input.articleId === '' ? undefined : wholeNumber(input.articleId, 'article', 1, Number.MAX_SAFE_INTEGER);
  if (input.search !== undefined && typeof input.search !== 'string') throw invalid('q', 'the search must be text');
  const search = (input.search ?? '').trim();
  if ([...search].length > MAX_SEARCH) throw invalid('q', `the search must be at most ${MAX_SEARCH} characters`);
  const page = wholeNumber(input.page, 'page', 1, 100_000, 1);
  const perPage = wholeNumber(input.perPage, 'perPage', 1, MAX_PER_PAGE, 20);

  const base: Omit<CommentFilter, 'statuses'> = {
    ...(articleId !== undefined ? { articleId } : {}),
    ...(search ? { search } : {}),
    ...(scope.all ? {} : { articleAuthorIds: scope.authorIds }),
  };
  const filter: CommentFilter = { ...base, ...(status ? { statuses: [status] } : {}) };
  const [comments, counts] = await Promise.all([store.comments.list(filter, { limit: perPage, offset: (page - 1) * perPage }), store.comments.countByStatus(base)]);
  const total = status ? counts[status] : commentStatuses.reduce((sum, s) => sum + counts[s], 0);

  const titles = new Map<number, string | null>();
  for (const id of new Set(comments.map((c) => c.articleId))) titles.set(id, (await store.articles.findById(id))?.title ?? null);
  return {
    items: comments.map((c) => toModerationComment(c, titles.get(c.articleId) ?? null)),
    counts,
    total,
    page,
    perPage,
    pages: Math.max(1, Math.ceil(total / perPage)),
  };
}
