import { describe, expect, it } from 'vitest';
import type { ArticleCard } from '../../../src/domain/article.js';
import type { Page } from '../../../src/domain/page.js';
import { createFrameLists } from '../../../src/operations/reading/frameLists.js';
import type { Store } from '../../../src/store/ports.js';

const card = (id: number, title: string): ArticleCard => ({
  id,
  slug: `خبر-${id}`,
  title,
  lede: null,
  publishedAt: new Date('2026-11-29T09:00:00Z'),
  primarySectionId: null,
  firstAuthorSlug: null,
  featuredMediaId: null,
  isBreaking: true,
  readingMinutes: 1,
  commentCount: 0,
});

/** A store whose breaking list is `breaking` at the time of each read, and a purge bus we drive. */
function fixture() {
  let breaking = [card(7, 'عاجل: زلزال')];
  let loads = 0;
  let failNext = false;
  let gate: Promise<void> | null = null;
  const store = {
    articles: {
      async listPublished() {
        loads += 1;
        const seen = breaking;
        if (gate) await gate;
        if (failNext) {
          failNext = false;
          throw new Error('store down');
        }
        return seen;
      },
    },
    pages: { listPublished: async () => [] as Page[] },
  } as unknown as Pick<Store, 'articles' | 'pages'>;
  const listeners: Array<(keys: readonly string[]) => void> = [];
  const lists = createFrameLists({
    store,
    subscribe: (fn) => {
      listeners.push(fn);
      return () => {};
    },
  });
  return {
    lists,
    loads: () => loads,
    purge: (...keys: string[]) => listeners.forEach((fn) => fn(keys)),
    setBreaking: (cards: ArticleCard[]) => (breaking = cards),
    failNext: () => (failNext = true),
    hold: () => {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      return () => {
        gate = null;
        open();
      };
    },
  };
}

describe('frame lists (breaking bar, footer pages) held per process', () => {
  it('reads the store once, then again only when a purge names what they show', async () => {
    const f = fixture();
    expect((await f.lists.get()).breaking.map((c) => c.title)).toEqual(['عاجل: زلزال']);
    await f.lists.get();
    expect(f.loads()).toBe(1);
    f.purge('comments', 'article:8', 'section:3', 'home');
    await f.lists.get();
    expect(f.loads()).toBe(1);
    for (const key of ['breaking', 'pages', '*', 'article:7']) {
      f.purge(key);
      await f.lists.get();
    }
    expect(f.loads()).toBe(5);
  });

  it('shows a corrected breaking title at once (the purge names the card)', async () => {
    const f = fixture();
    await f.lists.get();
    f.setBreaking([card(7, 'عاجل: هزة أرضية')]);
    f.purge('article:7');
    expect((await f.lists.get()).breaking[0]!.title).toBe('عاجل: هزة أرضية');
  });

  it('is not kept when an article purge arrives during its load', async () => {
    const f = fixture();
    const release = f.hold();
    const first = f.lists.get();
    // Changed while the list was being read; the purge names an article the list did not hold before.
    f.setBreaking([card(9, 'عاجل: جديد'), card(7, 'عاجل: زلزال')]);
    f.purge('article:9');
    release();
    await first;
    expect((await f.lists.get()).breaking.map((c) => c.id)).toEqual([9, 7]);
  });

  it('does not keep a failed read', async () => {
    const f = fixture();
    f.failNext();
    await expect(f.lists.get()).rejects.toThrow('store down');
    expect((await f.lists.get()).breaking).toHaveLength(1);
  });
});
