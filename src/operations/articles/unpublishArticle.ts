import type { Actor } from '../../domain/access.js';
import type { Article } from '../../domain/article.js';
import type { ArticleDeps } from './ArticleDeps.js';
import { transitionArticle, type TransitionInput } from './transitionArticle.js';

/** The workflow's `unpublish` action (see transitionArticle for who may). */
export function unpublishArticle(deps: ArticleDeps, actor: Actor, id: unknown, input: TransitionInput = {}): Promise<Article> {
  return transitionArticle(deps, actor, id, 'unpublish', input);
}
