import type { ArticleCard } from '../../domain/article.js';
import type { Media } from '../../domain/media.js';
import type { Store } from '../../store/ports.js';

/** One query for the images of every card on a page. */
export async function loadMedia(store: Store, cards: ReadonlyArray<Pick<ArticleCard, 'featuredMediaId'> | null>, extra: Array<number | null> = []): Promise<Map<number, Media>> {
  const ids = new Set<number>();
  for (const card of cards) if (card?.featuredMediaId != null) ids.add(card.featuredMediaId);
  for (const id of extra) if (id != null) ids.add(id);
  const media = await store.media.findByIds([...ids]);
  return new Map(media.map((m) => [m.id, m]));
}
