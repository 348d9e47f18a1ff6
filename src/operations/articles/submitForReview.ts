import type { Actor } from '../../domain/access.js';
import type { Article } from '../../domain/article.js';
import type { ArticleDeps } from './ArticleDeps.js';
import { transitionArticle, type TransitionInput } from './transitionArticle.js';

/** The workflow's `submit` action (see transitionArticle for who may). */
export function submitForReview(deps: ArticleDeps, actor: Actor, id: unknown, input: TransitionInput = {}): Promise<Article> {
  return transitionArticle(deps, actor, id, 'submit', input);
}
