import { api } from './client.js';
import type { ArticleSummary } from './articles.js';

/**
 * GET /dashboard (README "Newsroom workflow"): rows as in GET /articles (`authors: [{authorId, name}]`),
 * 10 each; the server's `recentComments` is not used (the comments card reads GET /comments).
 */
export interface Dashboard {
  myDrafts: ArticleSummary[];
  pendingReview: ArticleSummary[];
  scheduled: ArticleSummary[];
  recentlyPublished: ArticleSummary[];
}

export async function getDashboard(): Promise<Dashboard> {
  const { myDrafts, pendingReview, scheduled, recentlyPublished } = await api<Dashboard>('GET', '/dashboard');
  return { myDrafts, pendingReview, scheduled, recentlyPublished };
}
