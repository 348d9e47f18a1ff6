import type { Article } from '../../domain/article.js';
import type { Permalink } from '../../domain/permalink.js';
import type { Repositories } from '../../store/ports.js';
import { articlePath, permalinkFor } from '../reading/resolvePath.js';
import type { SectionIndex } from '../site/sectionDirectory.js';
import type { ArticleDeps } from './ArticleDeps.js';

/** The site's permalink structure and sections, read before a transaction (SQLite has one connection). */
export interface PathContext {
  permalink: Permalink;
  sections: SectionIndex;
}

export async function pathContextOf(deps: Pick<ArticleDeps, 'site' | 'sections'>): Promise<PathContext> {
  const settings = await deps.site.get();
  return { permalink: permalinkFor(settings.permalink, settings.timeZone), sections: await deps.sections.get() };
}

/** The public (Unicode) path an article has under the site's current permalink structure. */
export async function publicPathOf(context: PathContext, repos: Pick<Repositories, 'authors'>, article: Article): Promise<string> {
  const firstAuthorId = context.permalink.needsAuthor ? article.authorIds[0] : undefined;
  const firstAuthor = firstAuthorId === undefined ? [] : await repos.authors.findByIds([firstAuthorId]);
  return articlePath(context.permalink, context.sections, article, firstAuthor[0]?.slug ?? null);
}
