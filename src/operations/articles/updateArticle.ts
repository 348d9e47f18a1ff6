import type { Actor } from '../../domain/access.js';
import type { Article } from '../../domain/article.js';
import { AppError, isAppError } from '../../errors/AppError.js';
import { articleOrThrow, authorizeOnArticle, ownersOf } from './articleAccess.js';
import type { ArticleDeps } from './ArticleDeps.js';
import { commitArticleSave } from './commitArticleSave.js';
import { checkSlugFree, parseArticleFields, toArticleChanges } from './validateArticleInput.js';

/** An autosave replaces the last revision when the same user wrote it less than this long ago. */
export const AUTOSAVE_MERGE_MS = 60_000;

/** The version a client read, required on every save. */
export function versionOf(input: Record<string, unknown>): number {
  const v = input.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new AppError('INVALID_INPUT', 'version: send the version of the article you edited', { field: 'version' });
  }
  return v;
}

/**
 * Saves edits to an article with optimistic concurrency: `input.version` must be the version the
 * editor loaded, else CONFLICT (409) with the current version and who saved it — nothing is lost,
 * nothing overwritten. `autosave: true` may fold into the last revision (same user, < 60 s); it is
 * refused on a published article (readers would see half-written edits).
 * State changes go through the workflow operations, not here.
 */
export async function updateArticle(deps: ArticleDeps, actor: Actor, id: unknown, input: Record<string, unknown>): Promise<Article> {
  const { version: _v, autosave, ...rest } = input;
  const version = versionOf(input);
  const before = await articleOrThrow(deps.store, id);
  authorizeOnArticle(actor, 'edit', await ownersOf(deps.store, before), before.status);
  if (before.status === 'trash') throw new AppError('INVALID_TRANSITION', 'restore the article from the trash before editing it', { status: before.status });
  // Readers would see half-written edits: a live article is only saved on purpose.
  if (autosave === true && before.status === 'published') {
    throw new AppError('INVALID_TRANSITION', 'a published article is not autosaved; save it explicitly', { status: before.status });
  }
  const changes = await toArticleChanges(deps.store, deps.sections, parseArticleFields(rest));
  if (changes.slug !== undefined && changes.slug !== before.slug) await checkSlugFree(deps.store, changes.slug, before.id);
  // Readers see "updated" only for edits after publication.
  if (before.status === 'published') changes.modifiedAt = deps.now();
  try {
    return await commitArticleSave(deps, actor, {
      before,
      expectedVersion: version,
      changes,
      change: 'updated',
      ...(autosave === true ? { mergeRevisionWithinMs: AUTOSAVE_MERGE_MS } : {}),
    });
  } catch (error) {
    // The editor merges against what is stored now: hand it the current article with the conflict.
    if (isAppError(error) && error.code === 'CONFLICT') {
      const current = await deps.store.articles.findById(before.id);
      throw new AppError('CONFLICT', error.message, { ...error.details, ...(current ? { article: current } : {}) });
    }
    throw error;
  }
}
