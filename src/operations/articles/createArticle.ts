import type { Actor } from '../../domain/access.js';
import type { Article, NewArticle } from '../../domain/article.js';
import { slugify, uniqueSlug } from '../../domain/text/slug.js';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../authorize.js';
import { afterArticleChange } from './afterArticleChange.js';
import { userIdOf } from './articleAccess.js';
import type { ArticleDeps } from './ArticleDeps.js';
import { checkSlugFree, parseArticleFields, toArticleChanges } from './validateArticleInput.js';

/**
 * Creates a draft (every role may: `articles.create`). The byline defaults to the actor's own
 * author profile; the slug to one made from the title (Unicode, `-2`, `-3` when taken).
 *
 * @example await createArticle(deps, actor, { title: 'قمة الرباط', body: '<p>…</p>' })
 */
export async function createArticle(deps: ArticleDeps, actor: Actor, input: unknown): Promise<Article> {
  authorize(actor, 'articles.create');
  const fields = parseArticleFields(input);
  if (fields.title === undefined) throw new AppError('INVALID_INPUT', 'title: an article needs a title', { field: 'title' });
  const { store } = deps;
  const changes = await toArticleChanges(store, deps.sections, { body: '', ...fields });
  let slug: string;
  if (changes.slug !== undefined) {
    await checkSlugFree(store, changes.slug, null);
    slug = changes.slug;
  } else {
    slug = await uniqueSlug(slugify(fields.title) || 'article', (s) => store.articles.slugExists(s));
  }
  let authorIds = changes.authorIds;
  if (authorIds === undefined && actor.kind === 'user') {
    const own = await store.authors.findByUserId(actor.userId);
    authorIds = own ? [own.id] : [];
  }
  const values: NewArticle = {
    slug,
    title: fields.title,
    lede: changes.lede ?? null,
    body: changes.body ?? '',
    status: 'draft',
    readingMinutes: changes.readingMinutes ?? 0,
    sectionIds: changes.sectionIds ?? [],
    tagIds: changes.tagIds ?? [],
    authorIds: authorIds ?? [],
    featuredMediaId: changes.featuredMediaId ?? null,
    isBreaking: changes.isBreaking ?? false,
    isFeatured: changes.isFeatured ?? false,
    commentsOpen: changes.commentsOpen ?? true,
    seoTitle: changes.seoTitle ?? null,
    seoDescription: changes.seoDescription ?? null,
    canonicalUrl: changes.canonicalUrl ?? null,
    createdBy: userIdOf(actor),
  };
  // Every article write ends in afterArticleChange, inside its transaction (search re-indexing hooks there).
  return store.transaction(async (repos) => {
    const article = await repos.articles.create(values);
    await afterArticleChange({ repos }, article, 'created', null);
    return article;
  });
}
