import type { Article } from '../../domain/article.js';
import type { Repositories } from '../../store/ports.js';
import { queueWebSubPings } from '../distribution/webSub.js';

/** What happened to an article, as far as readers are concerned. */
export type ArticleChange = 'created' | 'updated' | 'published' | 'unpublished' | 'scheduled' | 'trashed' | 'restored';

export interface AfterChangeResult {
  /** Whether readers can see a difference (the article is or was live). */
  visible: boolean;
  /** Surrogate keys of the pages showing it (for the cache purge later issues add). */
  keys: string[];
}

/**
 * The ONE place that follows every article write, inside the write's transaction (`repos`). Later
 * work extends it: search re-index, cache purge, feeds and sitemaps. WebSub pings are queued here. What must move
 * has moved: the store's `articles.save` bumps the content version (in this transaction) whenever
 * the article is or was published, which refreshes the read memo, site settings and sections on
 * every node; this returns the keys a purge will need.
 *
 * @example await afterArticleChange({ repos }, saved, 'published', before.status)
 */
export async function afterArticleChange(
  deps: { repos: Repositories; websub?: { hubs: readonly string[]; baseUrl: string; now: Date } },
  article: Article,
  change: ArticleChange,
  previousStatus: Article['status'] | null,
): Promise<AfterChangeResult> {
  const visible = article.status === 'published' || previousStatus === 'published';
  if (!visible) return { visible, keys: [] };
  // Feed readers subscribed through a hub learn of the change (queued in this transaction).
  if (deps.websub) await queueWebSubPings(deps.repos, deps.websub, article);
  const keys = [
    `article:${article.id}`,
    'home',
    ...article.sectionIds.map((id) => `section:${id}`),
    ...article.tagIds.map((id) => `tag:${id}`),
    ...article.authorIds.map((id) => `author:${id}`),
  ];
  return { visible, keys: change === 'created' ? [] : keys };
}
