import type { ArticleCard } from '../../domain/article.js';
import type { Page } from '../../domain/page.js';
import { surrogateKey } from '../../domain/surrogateKeys.js';
import type { Store } from '../../store/ports.js';

/** The store-held lists every HTML page shows around its content. */
export interface FrameListData {
  breaking: ArticleCard[];
  footerPages: Page[];
}

export interface FrameLists {
  get(): Promise<FrameListData>;
}

const ARTICLE_KEY = /^article:(\d+)$/;

/**
 * The breaking-news bar and the footer's pages, held per process and reloaded when a purge names
 * what they show: the same keys the page cache tags every HTML page with for them (`breaking`,
 * `pages`, `article:<id>` of each card, `*`). Purges from other nodes arrive through the same
 * PurgeBus, so a list is never served after a purge of what it shows. While a load is under way,
 * any article purge counts (the ids it will hold are not known yet).
 *
 * @example const frame = createFrameLists({ store, subscribe: purgeBus.subscribe });
 */
export function createFrameLists(options: {
  store: Pick<Store, 'articles' | 'pages'>;
  subscribe: (fn: (keys: readonly string[]) => void) => () => void;
}): FrameLists {
  let version = 0;
  let loading = 0;
  let shown = new Set<number>();
  let cached: { version: number; value: Promise<FrameListData> } | null = null;
  options.subscribe((keys) => {
    const concerned = keys.some((key) => {
      if (key === surrogateKey.all || key === surrogateKey.breaking || key === surrogateKey.pages) return true;
      const id = ARTICLE_KEY.exec(key)?.[1];
      return id !== undefined && (loading > 0 || shown.has(Number(id)));
    });
    if (concerned) version += 1;
  });
  return {
    get() {
      if (cached !== null && cached.version === version) return cached.value;
      const entry = { version, value: load() };
      cached = entry;
      loading += 1;
      entry.value.then(
        (data) => {
          loading -= 1;
          if (cached === entry) shown = new Set(data.breaking.map((card) => card.id));
        },
        () => {
          loading -= 1;
          // A failed load is not kept: the next call tries again.
          if (cached === entry) cached = null;
        },
      );
      return entry.value;
    },
  };

  async function load(): Promise<FrameListData> {
    const [breaking, footerPages] = await Promise.all([
      options.store.articles.listPublished({ onlyBreaking: true }, { limit: 3, offset: 0 }),
      options.store.pages.listPublished(),
    ]);
    return { breaking, footerPages };
  }
}
