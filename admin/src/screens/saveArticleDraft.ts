import type { Article, ArticleFields } from '../api/articles.js';
import { ApiError, isUnavailable } from '../api/client.js';
import type { LocalDraft } from './localDrafts.js';

/** What saving needs: the article API and this browser's copy (injected, so the rules are testable). */
export interface SaveDeps {
  create(fields: ArticleFields): Promise<Article>;
  save(id: number, version: number, fields: ArticleFields): Promise<Article>;
  load(id: number): Promise<Article>;
  keepLocal(id: number | null, draft: LocalDraft): void;
  clearLocal(id: number | null): void;
  now(): Date;
}

export interface Editing {
  articleId: number | null;
  /** The server version the edits started from. */
  version: number | null;
  fields: ArticleFields;
}

export type SaveOutcome =
  | { kind: 'saved'; article: Article; created: boolean }
  | { kind: 'keptLocally' }
  | { kind: 'conflict' }
  | { kind: 'error'; error: unknown };

/**
 * Saves what is being edited and says how it went. Whatever goes wrong, the writer's fields stay
 * in this browser: on a 409 CONFLICT (someone saved in between) nothing is overwritten unless
 * `overwrite` is asked for, which saves over the server's current version; a server without the
 * article API keeps the work locally.
 *
 * @example await saveArticleDraft(deps, { articleId: 7, version: 3, fields }) // { kind: 'conflict' } when version 4 exists
 */
export async function saveArticleDraft(deps: SaveDeps, editing: Editing, options: { overwrite?: boolean } = {}): Promise<SaveOutcome> {
  const keep = () => deps.keepLocal(editing.articleId, { fields: editing.fields, baseVersion: editing.version, savedAt: deps.now().toISOString() });
  try {
    if (editing.articleId === null) {
      const article = await deps.create(editing.fields);
      deps.clearLocal(null);
      return { kind: 'saved', article, created: true };
    }
    const base = options.overwrite ? (await deps.load(editing.articleId)).version : (editing.version ?? 0);
    const article = await deps.save(editing.articleId, base, editing.fields);
    deps.clearLocal(editing.articleId);
    return { kind: 'saved', article, created: false };
  } catch (error) {
    keep();
    if (editing.articleId === null && isUnavailable(error)) return { kind: 'keptLocally' };
    if (error instanceof ApiError && error.status === 409) return { kind: 'conflict' };
    return { kind: 'error', error };
  }
}
