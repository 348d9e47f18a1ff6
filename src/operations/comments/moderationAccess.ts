import { can, type Actor } from '../../domain/access.js';
import { AppError } from '../../errors/AppError.js';
import type { Store } from '../../store/ports.js';

/** Which comments an actor moderates: all of them, or those on articles bylined by these author profiles (the user's own). */
export type ModerationScope = { all: true } | { all: false; authorIds: number[] };

/**
 * The comments `actor` may moderate, as a filter to merge into a query: editors, admins and the
 * system actor moderate every comment; authors those on articles whose bylines include an author
 * profile linked to their user; contributors nothing (FORBIDDEN).
 */
export async function moderationScope(store: Pick<Store, 'authors'>, actor: Actor): Promise<ModerationScope> {
  if (can(actor, 'comments.moderateAny').effect === 'allow') return { all: true };
  const own = can(actor, 'comments.moderateOwnArticles');
  if (own.effect === 'deny' || actor.kind !== 'user') throw new AppError('FORBIDDEN', 'this role may not moderate comments', { capability: 'comments.moderateOwnArticles' });
  const author = await store.authors.findByUserId(actor.userId);
  return { all: false, authorIds: author ? [author.id] : [] };
}

/**
 * Throws FORBIDDEN unless `actor` may moderate comments on every one of `articleIds` (checked with
 * `can` against each article's owners: the users linked to its bylines). Nothing is read or
 * written for the caller until this passed.
 */
export async function authorizeModeration(store: Pick<Store, 'articles' | 'authors'>, actor: Actor, articleIds: Iterable<number>): Promise<void> {
  if (can(actor, 'comments.moderateAny').effect === 'allow') return;
  for (const articleId of new Set(articleIds)) {
    const article = await store.articles.findById(articleId);
    const authors = article ? await store.authors.findByIds(article.authorIds) : [];
    const ownerUserIds = authors.flatMap((a) => (a.userId === null ? [] : [a.userId]));
    if (can(actor, 'comments.moderateOwnArticles', { ownerUserIds }).effect !== 'allow') {
      throw new AppError('FORBIDDEN', `this account may not moderate comments on article ${articleId}`, { capability: 'comments.moderateOwnArticles', articleId });
    }
  }
}
