import type { Actor } from '../../domain/access.js';
import type { Article } from '../../domain/article.js';
import type { ArticleDeps } from './ArticleDeps.js';
import { revisionOrThrow } from './diffRevisions.js';
import { getArticle } from './getArticle.js';
import { updateArticle } from './updateArticle.js';

/**
 * Restores a revision's content as a NEW save (so the restore itself is a revision and can be
 * undone). Its state is not restored: publishing stays a workflow action. Needs the right to edit,
 * and the `version` the client read.
 */
export async function restoreRevision(deps: ArticleDeps, actor: Actor, articleId: unknown, revisionId: unknown, input: { version?: unknown }): Promise<Article> {
  const { article } = await getArticle(deps, actor, articleId);
  const { snapshot } = await revisionOrThrow(deps, article.id, revisionId);
  const existing = (ids: number[], found: { id: number }[]) => ids.filter((id) => found.some((x) => x.id === id));
  // Sections, tags or authors deleted since the revision are left out rather than failing the restore.
  const sections = await deps.sections.get();
  const [tags, authors, media] = await Promise.all([
    deps.store.tags.findByIds(snapshot.tagIds),
    deps.store.authors.findByIds(snapshot.authorIds),
    snapshot.featuredMediaId === null ? [] : deps.store.media.findByIds([snapshot.featuredMediaId]),
  ]);
  return updateArticle(deps, actor, article.id, {
    version: input.version,
    title: snapshot.title,
    lede: snapshot.lede,
    body: snapshot.body,
    ...(snapshot.slug !== article.slug && !(await deps.store.articles.slugExists(snapshot.slug)) ? { slug: snapshot.slug } : {}),
    sectionIds: snapshot.sectionIds.filter((id) => sections.byId.has(id)),
    tagIds: existing(snapshot.tagIds, tags),
    authorIds: existing(snapshot.authorIds, authors),
    featuredMediaId: media.length > 0 ? snapshot.featuredMediaId : null,
    isBreaking: snapshot.isBreaking,
    isFeatured: snapshot.isFeatured,
    commentsOpen: snapshot.commentsOpen,
    seoTitle: snapshot.seoTitle,
    seoDescription: snapshot.seoDescription,
    ...(snapshot.canonicalUrl !== undefined ? { canonicalUrl: snapshot.canonicalUrl } : {}),
  });
}
