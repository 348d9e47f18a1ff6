import { api } from './client.js';
import type { ArticleSummary } from './articles.js';

/** GET /dashboard (issue #4, helper W): the article lists of the dashboard. */
export interface Dashboard {
  myDrafts: ArticleSummary[];
  pendingReview: ArticleSummary[];
  scheduled: ArticleSummary[];
  recentlyPublished: ArticleSummary[];
}

export async function getDashboard(): Promise<Dashboard> {
  return api('GET', '/dashboard');
}
