import { api } from './client.js';

/** Another user with the article open in the editor (a heartbeat younger than a minute). */
export interface OtherEditor {
  userId: number;
  displayName: string;
  seenAt: string;
}

/**
 * GET /articles/:id?heartbeat=1: records this user as editing the article and answers who else is.
 * Only `editing` is read (the article itself is not converted: no tag look-ups every beat).
 */
export async function editingHeartbeat(articleId: number): Promise<OtherEditor[]> {
  return (await api<{ editing: OtherEditor[] }>('GET', `/articles/${articleId}?heartbeat=1`)).editing;
}

/**
 * DELETE /articles/:id/presence: this user closed the editor (others stop seeing them at once).
 * `closing`: sent as the tab closes or navigates away (a keepalive request the browser finishes
 * after the page is gone).
 */
export async function leaveArticle(articleId: number, closing = false): Promise<void> {
  await api<void>('DELETE', `/articles/${articleId}/presence`, undefined, closing ? { keepalive: true } : {});
}
