import { can, type Actor } from '../../domain/access.js';
import { articleStatuses, type ArticleStatus } from '../../domain/article.js';
import { AppError } from '../../errors/AppError.js';
import type { AdminArticleFilter, AdminArticleRow } from '../../store/ports.js';
import { authorize } from '../authorize.js';
import { wholeNumber } from '../comments/listComments.js';
import type { ArticleDeps } from './ArticleDeps.js';

export interface ListArticlesInput {
  status?: unknown;
  section?: unknown;
  author?: unknown;
  /** ISO dates: from (inclusive) … to (exclusive), on `dateField` (updated | published). */
  from?: unknown;
  to?: unknown;
  dateField?: unknown;
  /** Substring of the title. */
  q?: unknown;
  /** "1"/true: only the actor's own articles (always so for authors and contributors). */
  mine?: unknown;
  page?: unknown;
  perPage?: unknown;
}

export interface ArticleList {
  items: AdminArticleRow[];
  /** Matching articles; a lower bound when `totalCapped` (counts stop at 1,000; a title search only knows what it has seen). */
  total: number;
  totalCapped: boolean;
  /** Whether a next page exists. */
  hasMore: boolean;
  page: number;
  perPage: number;
  /** Pages known to exist (a lower bound when `totalCapped`). */
  pages: number;
}

/** Counting stops here: "1,000+" is all a newsroom list needs, and it keeps every count cheap. */
export const LIST_COUNT_CAP = 1_000;

function isoOrThrow(value: unknown, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const d = typeof value === 'string' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) throw new AppError('INVALID_INPUT', `${field} must be an ISO 8601 date`, { field });
  return d.toISOString();
}

/**
 * The newsroom's article list, newest change first: filters by state (comma-separated; the trash
 * only when asked), section, author, date range and title text, paged. Editors and admins see every
 * article; authors and contributors only their own (created by them or bylined to them). Totals
 * are exact up to 1,000 (`totalCapped` beyond); `hasMore` says whether a next page exists.
 */
export async function listArticles(deps: ArticleDeps, actor: Actor, input: ListArticlesInput = {}): Promise<ArticleList> {
  authorize(actor, 'articles.create');
  const filter: AdminArticleFilter = {};
  if (typeof input.status === 'string' && input.status !== '') {
    const statuses = input.status.split(',');
    const bad = statuses.find((s) => !(articleStatuses as readonly string[]).includes(s));
    if (bad !== undefined) throw new AppError('INVALID_INPUT', `status must be among ${articleStatuses.join(', ')}`, { field: 'status' });
    filter.statuses = statuses as ArticleStatus[];
  }
  if (input.section !== undefined && input.section !== '') filter.sectionId = wholeNumber(input.section, 'section', 1, Number.MAX_SAFE_INTEGER);
  if (input.author !== undefined && input.author !== '') filter.authorId = wholeNumber(input.author, 'author', 1, Number.MAX_SAFE_INTEGER);
  const from = isoOrThrow(input.from, 'from');
  const to = isoOrThrow(input.to, 'to');
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (input.dateField === 'published') filter.dateField = 'published';
  if (typeof input.q === 'string' && input.q.trim() !== '') filter.text = input.q.trim().slice(0, 200);
  const seesAll = can(actor, 'articles.editAny').effect === 'allow';
  const mine = input.mine === true || input.mine === '1' || input.mine === 'true';
  if (actor.kind === 'user' && (!seesAll || mine)) filter.ownerUserId = actor.userId;
  const perPage = wholeNumber(input.perPage, 'perPage', 1, 100, 20);
  const page = wholeNumber(input.page, 'page', 1, 100_000, 1);
  const offset = (page - 1) * perPage;
  // One more than a page tells whether another follows without counting.
  const rows = await deps.store.articles.listForAdmin(filter, { limit: perPage + 1, offset });
  const hasMore = rows.length > perPage;
  const items = rows.slice(0, perPage);
  let total: number;
  let totalCapped: boolean;
  if (filter.text !== undefined) {
    // A LIKE over every title cannot be counted cheaply (the search index will): report what is known.
    total = offset + items.length + (hasMore ? 1 : 0);
    totalCapped = hasMore;
  } else {
    const counted = await deps.store.articles.countForAdmin(filter, LIST_COUNT_CAP + 1);
    totalCapped = counted > LIST_COUNT_CAP;
    total = Math.max(Math.min(counted, LIST_COUNT_CAP), offset + items.length + (hasMore ? 1 : 0));
  }
  return { items, total, totalCapped, hasMore, page, perPage, pages: Math.max(1, Math.ceil(total / perPage)) };
}
