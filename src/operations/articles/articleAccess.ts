import type { Article } from '../../domain/article.js';
import { can, type Actor, type Capability } from '../../domain/access.js';
import type { ArticleStatus } from '../../domain/article.js';
import { AppError } from '../../errors/AppError.js';
import type { Repositories } from '../../store/ports.js';

/** Users owning an article: who created it, and users linked to its byline authors. */
export async function ownersOf(repos: Pick<Repositories, 'authors'>, article: Pick<Article, 'createdBy' | 'authorIds'>): Promise<number[]> {
  const owners = new Set<number>();
  if (article.createdBy !== null) owners.add(article.createdBy);
  if (article.authorIds.length > 0) {
    for (const author of await repos.authors.findByIds(article.authorIds)) if (author.userId !== null) owners.add(author.userId);
  }
  return [...owners];
}

export type ArticleRight = 'edit' | 'publish' | 'delete';

const CAPS: Record<ArticleRight, [Capability, Capability]> = {
  edit: ['articles.editAny', 'articles.editOwn'],
  publish: ['articles.publishAny', 'articles.publishOwn'],
  delete: ['articles.deleteAny', 'articles.deleteOwn'],
};

/** Whether `actor` holds `right` on an article (owned by `owners`, judged in state `status`). */
export function mayOnArticle(actor: Actor, right: ArticleRight, owners: readonly number[], status: ArticleStatus): boolean {
  const [any, own] = CAPS[right];
  if (can(actor, any).effect === 'allow') return true;
  return can(actor, own, { ownerUserIds: owners, status }).effect === 'allow';
}

/**
 * Throws FORBIDDEN unless `actor` holds `right` on the article. Contributors' "own, unpublished only"
 * grant is judged against `status` (the state the article is in, or goes back to).
 */
export function authorizeOnArticle(actor: Actor, right: ArticleRight, owners: readonly number[], status: ArticleStatus): void {
  if (!mayOnArticle(actor, right, owners, status)) {
    throw new AppError('FORBIDDEN', `this role may not ${right} this article`, { capability: CAPS[right][1] });
  }
}

/** Loads an article or throws NOT_FOUND. */
export async function articleOrThrow(repos: Pick<Repositories, 'articles'>, id: unknown): Promise<Article> {
  const n = typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : id;
  const article = typeof n === 'number' && Number.isInteger(n) && n > 0 ? await repos.articles.findById(n) : null;
  if (!article) throw new AppError('NOT_FOUND', `no article ${String(id)}`);
  return article;
}

/** How the audit log names an actor. */
export function actorLabel(actor: Actor): { actorUserId: number | null; actorLabel: string } {
  return actor.kind === 'user' ? { actorUserId: actor.userId, actorLabel: `user:${actor.userId}` } : { actorUserId: null, actorLabel: `system:${actor.name}` };
}

export function userIdOf(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.userId : null;
}
