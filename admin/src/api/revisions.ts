import { api } from './client.js';
import { fromServer, type Article, type ServerArticle } from './articles.js';

/** One saved state of an article (GET /articles/:id/revisions, newest first). */
export interface Revision {
  id: number;
  version: number;
  title: string;
  status: string;
  createdBy: number | null;
  createdAt: string;
}

/** A field's difference between two revisions, as runs of kept, added and removed text. */
export type DiffRun = { op: 'same' | 'add' | 'remove'; text: string };

export interface RevisionDiff {
  title: DiffRun[];
  lede: DiffRun[];
  body: DiffRun[];
}

export async function listRevisions(articleId: number): Promise<Revision[]> {
  return (await api<{ revisions: Revision[] }>('GET', `/articles/${articleId}/revisions`)).revisions;
}

/** GET /articles/:id/diff?from=&to= (revision ids). */
export async function diffRevisions(articleId: number, from: number, to: number): Promise<RevisionDiff> {
  return api<RevisionDiff>('GET', `/articles/${articleId}/diff?from=${from}&to=${to}`);
}

/** Restores a revision's content as a new save on top of `version` (409 CONFLICT if someone saved since). */
export async function restoreRevision(articleId: number, revisionId: number, version: number): Promise<Article> {
  return fromServer((await api<{ article: ServerArticle }>('POST', `/articles/${articleId}/revisions/${revisionId}/restore`, { version })).article);
}

/** A signed, expiring link to the article as readers will see it (POST /articles/:id/preview). */
export async function createPreviewLink(articleId: number): Promise<{ url: string; path: string; expiresAt: string }> {
  return api('POST', `/articles/${articleId}/preview`, {});
}
