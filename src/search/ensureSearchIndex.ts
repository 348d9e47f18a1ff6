import type { Store } from '../store/ports.js';

/**
 * Rebuilds the search index when it does not hold every published article: the first start after
 * the upgrade that added search (migration 005 creates an empty index), a store restored without
 * it, or a large WordPress import killed before its final rebuild (it indexes once at the end).
 * Every save indexes in its own transaction, so the two counts agree otherwise. Returns the
 * number of articles indexed (0 when nothing was needed).
 */
export async function ensureSearchIndex(store: Store): Promise<number> {
  const published = await store.articles.countPublished({});
  if ((await store.search.count()) === published) return 0;
  return (await store.reindex()).indexed;
}
