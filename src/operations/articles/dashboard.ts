import { can, type Actor } from '../../domain/access.js';
import type { CommentFilter, AdminArticleRow } from '../../store/ports.js';
import { authorize } from '../authorize.js';
import type { ArticleDeps } from './ArticleDeps.js';

export interface DashboardComment {
  id: number;
  articleId: number;
  authorName: string;
  /** Sanitized HTML, as in the moderation API. */
  body: string;
  status: string;
  createdAt: string;
}

export interface Dashboard {
  myDrafts: AdminArticleRow[];
  /** Editors: everything waiting for review; authors and contributors: their own. */
  pendingReview: AdminArticleRow[];
  scheduled: AdminArticleRow[];
  recentlyPublished: AdminArticleRow[];
  /** Newest comments the actor may moderate (none for contributors). */
  recentComments: DashboardComment[];
}

const LIMIT = 10;

/** The newsroom's home: my drafts, waiting for review, scheduled, recently published, recent comments. */
export async function dashboard(deps: ArticleDeps, actor: Actor): Promise<Dashboard> {
  authorize(actor, 'articles.create');
  const { store } = deps;
  const userId = actor.kind === 'user' ? actor.userId : undefined;
  const seesAll = can(actor, 'articles.editAny').effect === 'allow';
  const scope = seesAll || userId === undefined ? {} : { ownerUserId: userId };
  const page = { limit: LIMIT, offset: 0 };
  let commentFilter: CommentFilter | null = null;
  if (can(actor, 'comments.moderateAny').effect === 'allow') commentFilter = {};
  else if (userId !== undefined && can(actor, 'comments.moderateOwnArticles').effect !== 'deny') {
    const own = await store.authors.findByUserId(userId);
    commentFilter = own ? { articleAuthorIds: [own.id] } : null;
  }
  const [myDrafts, pendingReview, scheduled, recentlyPublished, comments] = await Promise.all([
    userId === undefined ? Promise.resolve([]) : store.articles.listForAdmin({ statuses: ['draft'], ownerUserId: userId }, page),
    store.articles.listForAdmin({ statuses: ['pending'], ...scope }, page),
    store.articles.listForAdmin({ statuses: ['scheduled'], ...scope }, page),
    store.articles.listForAdmin({ statuses: ['published'], dateField: 'published' }, page),
    commentFilter ? store.comments.list(commentFilter, page) : Promise.resolve([]),
  ]);
  return {
    myDrafts,
    pendingReview,
    scheduled,
    recentlyPublished,
    recentComments: comments.map((c) => ({ id: c.id, articleId: c.articleId, authorName: c.authorName, body: c.body, status: c.status, createdAt: c.createdAt.toISOString() })),
  };
}
