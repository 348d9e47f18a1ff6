import type { Article } from '../../domain/article.js';
import type { Page } from '../../domain/page.js';
import { createPermalink, type Permalink } from '../../domain/permalink.js';
import type { SectionIndex } from '../site/sectionDirectory.js';
import type { ReadingDeps } from './ReadingDeps.js';

export type Resolution =
  | { kind: 'article'; article: Article; canonicalPath: string }
  | { kind: 'page'; page: Page; canonicalPath: string }
  | { kind: 'redirect'; location: string; status: number }
  | { kind: 'none' };

const permalinks = new Map<string, Permalink>();

/** The compiled permalink of a structure and time zone (compiled once). */
export function permalinkFor(structure: string, timeZone: string): Permalink {
  const key = `${structure}\u0000${timeZone}`;
  let p = permalinks.get(key);
  if (!p) {
    p = createPermalink(structure, timeZone);
    permalinks.set(key, p);
  }
  return p;
}

/** The Unicode path of a published article under the site's permalink structure. */
export function articlePath(
  permalink: Permalink,
  sections: SectionIndex,
  article: { id: number; slug: string; publishedAt: Date | null; primarySectionId: number | null },
  authorSlug: string | null,
): string {
  const section = article.primarySectionId === null ? undefined : sections.byId.get(article.primarySectionId);
  return permalink.build({
    id: article.id,
    slug: article.slug,
    publishedAt: article.publishedAt,
    categoryPath: section ? sections.path(section) : '',
    authorSlug: authorSlug ?? '',
  });
}

/** The Unicode path of a published article under the site's current permalink structure. */
export async function canonicalArticlePath(deps: ReadingDeps, article: Pick<Article, 'id' | 'slug' | 'publishedAt' | 'primarySectionId' | 'authorIds'>): Promise<string> {
  const settings = await deps.site.get();
  const permalink = permalinkFor(settings.permalink, settings.timeZone);
  const sections = await deps.sections.get();
  // The byline's slug only matters to /%author%/ structures; readArticle loads the bylines anyway.
  const firstAuthorId = permalink.needsAuthor ? article.authorIds[0] : undefined;
  const firstAuthor = firstAuthorId === undefined ? [] : await deps.store.authors.findByIds([firstAuthorId]);
  return articlePath(permalink, sections, article, firstAuthor[0]?.slug ?? null);
}

/**
 * What lives at a decoded public path that no fixed route claimed: a published article (by the
 * permalink structure), a static page (`/<slug>/`), or a stored redirect.
 */
export async function resolvePath(deps: ReadingDeps, path: string): Promise<Resolution> {
  const settings = await deps.site.get();
  const permalink = permalinkFor(settings.permalink, settings.timeZone);
  const match = permalink.match(path);
  if (match) {
    const article =
      match.postId !== null
        ? await deps.store.articles.findById(match.postId)
        : match.postname !== null
          ? await deps.store.articles.findBySlug(match.postname)
          : null;
    if (article && article.status === 'published' && (match.postname === null || match.postname === article.slug)) {
      return { kind: 'article', article, canonicalPath: await canonicalArticlePath(deps, article) };
    }
  }
  const pageSlug = /^\/([^/]+)\/?$/.exec(path)?.[1];
  if (pageSlug) {
    const page = await deps.store.pages.findPublishedBySlug(pageSlug);
    if (page) return { kind: 'page', page, canonicalPath: `/${page.slug}/` };
  }
  const redirect =
    (await deps.store.redirects.find(path)) ??
    (await deps.store.redirects.find(path.endsWith('/') ? path.slice(0, -1) : `${path}/`));
  if (redirect) return { kind: 'redirect', location: redirect.toPath, status: redirect.statusCode };
  return { kind: 'none' };
}
