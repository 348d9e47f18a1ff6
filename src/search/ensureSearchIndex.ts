import type { Store } from '../store/ports.js';

/**
 * Builds the search index when it is empty while published articles exist: the first start after
 * the upgrade that added search (migration 005 creates an empty index), or a store restored
 * without it. Returns the number of articles indexed (0 when nothing was needed).
 */
export async function ensureSearchIndex(store: Store): Promise<number> {
  if ((await store.search.count()) > 0) return 0;
  if ((await store.articles.countPublished({})) === 0) return 0;
  return (await store.reindex()).indexed;
}
