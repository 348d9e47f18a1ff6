import type { Actor } from '../../domain/access.js';
import type { ArticleRevision } from '../../domain/revision.js';
import type { ArticleDeps } from './ArticleDeps.js';
import { getArticle } from './getArticle.js';

/** An article's revisions, newest first, without their bodies (the diff shows those). */
export async function listRevisions(
  deps: ArticleDeps,
  actor: Actor,
  articleId: unknown,
): Promise<Array<Omit<ArticleRevision, 'snapshot'> & { status: string }>> {
  const { article } = await getArticle(deps, actor, articleId);
  const revisions = await deps.store.articles.listRevisions(article.id);
  return revisions.map(({ snapshot, ...rest }) => ({ ...rest, status: snapshot.status }));
}
