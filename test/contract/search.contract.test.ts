import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexedText, SearchDocument, SearchMatch, SearchRanking, Store } from '../../src/store/ports.js';
import { storeKinds, type TestStore } from '../support/stores.js';

const NOW = new Date('2026-11-29T10:00:00.000Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const byRelevance: SearchRanking = { recencyWeight: 0, halfLifeDays: 30, now: NOW };
const byDate: SearchRanking = { recencyWeight: 1, halfLifeDays: 30, now: NOW };
const page = { limit: 50, offset: 0 };
const all = (...groups: string[][]): SearchMatch => ({ groups, phrases: [], exclude: [], mode: 'all' });

/** Index text written by hand (terms as an analyzer would emit them), so the contract does not depend on the analyzer. */
function text(fields: Partial<IndexedText['fields']>): IndexedText {
  const f = { title: '', lede: '', tags: '', body: '', ...fields };
  const surface = [f.title, f.lede, f.body].filter(Boolean).join(' ');
  return { fields: f, surface, words: [...new Set(surface.split(' ').filter(Boolean))] };
}

/** What the same queries return on each store, compared across stores at the end. */
const seen = new Map<string, Record<string, unknown>>();

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`search index contract [${kind.name}]`, () => {
    let handle: TestStore;
    let store: Store;
    beforeEach(async () => {
      handle = await kind.open({ now: () => NOW });
      store = handle.store;
    });
    afterEach(async () => {
      await handle.dispose();
    });

    /** Articles whose index entries are then replaced by hand-written terms. */
    async function seed() {
      const health = await store.sections.create({ slug: 'صحة', name: 'صحة' });
      const sport = await store.sections.create({ slug: 'رياضة', name: 'رياضة' });
      const amal = await store.authors.create({ slug: 'amal', name: 'أمل' });
      const docs: Array<[string, number, number[], IndexedText]> = [
        ['a', 1, [health.id], text({ title: 'وزاره الصحه تعلن', body: 'بلاغ وزاره الصحه عن اللقاح' })],
        ['b', 2, [health.id], text({ title: 'اللقاح يصل', body: 'وصل اللقاح الى الصحه العموميه' })],
        ['c', 3, [sport.id], text({ title: 'المنتخب يفوز', body: 'فاز المنتخب في الرباط' })],
        ['d', 4, [sport.id], text({ lede: 'وزاره الشباب والرياضه', body: 'وزاره الشباب تدعم المنتخب' })],
        ['e', 40, [health.id], text({ tags: 'الصحه', body: 'تقرير قديم عن المستشفيات' })],
      ];
      const ids: Record<string, number> = {};
      for (const [name, age, sectionIds, t] of docs) {
        const a = await store.articles.create({
          slug: `s-${name}`,
          title: name,
          body: `<p>${name}</p>`,
          status: 'published',
          publishedAt: daysAgo(age),
          readingMinutes: 1,
          sectionIds,
          authorIds: name === 'a' || name === 'c' ? [amal.id] : [],
        });
        ids[name] = a.id;
        await store.search.index([{ articleId: a.id, publishedAt: daysAgo(age), text: t }]);
      }
      const names = new Map(Object.entries(ids).map(([n, id]) => [id, n]));
      const q = async (match: SearchMatch, ranking = byRelevance, filters = {}) => {
        const r = await store.search.query(match, filters, page, ranking);
        return { total: r.total, names: r.hits.map((h) => names.get(h.id)) };
      };
      return { ids, q, health, sport, amal };
    }

    function record(key: string, value: unknown) {
      const entry = seen.get(key) ?? {};
      entry[kind.name] = value;
      seen.set(key, entry);
    }

    it('needs every group, with alternatives inside a group, over title, lede, tags and body', async () => {
      const { q } = await seed();
      const both = await q(all(['وزاره'], ['الصحه']));
      expect(new Set(both.names)).toEqual(new Set(['a']));
      const alternatives = await q(all(['وزاره', 'اللقاح'], ['الصحه']));
      expect(new Set(alternatives.names)).toEqual(new Set(['a', 'b']));
      const tagsToo = await q(all(['الصحه']));
      expect(new Set(tagsToo.names)).toEqual(new Set(['a', 'b', 'e']));
      expect((await q(all(['وزاره'], ['غائب']))).total).toBe(0);
      record('groups', [both, alternatives, tagsToo].map((r) => [...r.names].sort()));
    });

    it('falls back to any group only when asked (mode any)', async () => {
      const { q } = await seed();
      const any = await q({ ...all(['اللقاح'], ['المنتخب']), mode: 'any' });
      expect(new Set(any.names)).toEqual(new Set(['a', 'b', 'c', 'd']));
      record('any', [...any.names].sort());
    });

    it('matches exact phrases on the surface words, in order, and honours exclusions', async () => {
      const { q } = await seed();
      const phrase = await q({ groups: [], phrases: [['وزاره', 'الصحه']], exclude: [], mode: 'all' });
      expect(phrase.names).toEqual(['a']);
      const reversed = await q({ groups: [], phrases: [['الصحه', 'وزاره']], exclude: [], mode: 'all' });
      expect(reversed.total).toBe(0);
      const excluded = await q({ groups: [['وزاره']], phrases: [], exclude: [['الشباب']], mode: 'all' });
      expect(excluded.names).toEqual(['a']);
      record('phrases', [phrase.names, excluded.names]);
    });

    it('filters by section, author and date range', async () => {
      const { q, sport, amal } = await seed();
      const any = (x: string[]) => ({ ...all(x), mode: 'any' as const });
      const inSport = await q(any(['وزاره', 'المنتخب']), byDate, { sectionIds: [sport.id] });
      expect(inSport.names).toEqual(['c', 'd']);
      const byAmal = await q(any(['وزاره', 'المنتخب']), byDate, { authorId: amal.id });
      expect(byAmal.names).toEqual(['a', 'c']);
      const recent = await q(all(['الصحه']), byDate, { from: daysAgo(10), to: daysAgo(1.5) });
      expect(recent.names).toEqual(['b']);
      record('filters', [inSport.names, byAmal.names, recent.names]);
    });

    it('ranks title above body, recency when weighted, ties newest first then by id', async () => {
      const { q } = await seed();
      // 'a' has the words in its title, 'd' only in lede and body: relevance puts 'a' first.
      const relevance = await q(all(['وزاره']));
      expect(relevance.names[0]).toBe('a');
      // Date only: newest first.
      const dated = await q(all(['الصحه']), byDate);
      expect(dated.names).toEqual(['a', 'b', 'e']);
      record('ranking', [relevance.names, dated.names]);
    });

    it('pages with a stable order and the full total', async () => {
      const { q } = await seed();
      const full = await q({ ...all(['وزاره', 'الصحه', 'المنتخب']), mode: 'any' }, byDate);
      const pages: string[] = [];
      for (let offset = 0; offset < 6; offset += 2) {
        const r = await store.search.query({ ...all(['وزاره', 'الصحه', 'المنتخب']), mode: 'any' }, {}, { limit: 2, offset }, byDate);
        expect(r.total).toBe(5);
        pages.push(...r.hits.map((h) => String(h.id)));
      }
      expect(pages).toHaveLength(5);
      expect(full.total).toBe(5);
      const beyond = await store.search.query(all(['وزاره']), {}, { limit: 2, offset: 10 }, byDate);
      expect(beyond).toEqual({ total: 2, hits: [] });
    });

    it('ranks only the newest candidates of a broad query, with the exact total, and not when filtered', async () => {
      const { q, health } = await seed();
      const any = { ...all(['الصحه', 'وزاره', 'المنتخب']), mode: 'any' as const };
      const capped = await q(any, { ...byRelevance, candidates: 2 });
      // Ids grow with creation: 'd' and 'e' are the two newest ids of the five matches.
      expect(capped.total).toBe(5);
      expect(new Set(capped.names)).toEqual(new Set(['d', 'e']));
      const filtered = await q(any, { ...byRelevance, candidates: 2 }, { sectionIds: [health.id] });
      expect(new Set(filtered.names)).toEqual(new Set(['a', 'b', 'e']));
      record('candidates', [[...capped.names].sort(), [...filtered.names].sort()]);
    });

    it('finds the newest candidates among the newest ids, and below them when those are not enough, with exclusions', async () => {
      // Twelve articles with consecutive ids: with one candidate, PostgreSQL looks among the newest
      // 8 ids first (decision 038); 'old' matches three articles older than those and the newest one.
      const names = new Map<number, string>();
      for (let i = 1; i <= 12; i++) {
        const words = [i <= 3 ? 'قديم' : '', i <= 2 ? 'نادر' : '', i === 12 ? 'قديم جديد' : '', 'خبر'].filter(Boolean).join(' ');
        const a = await store.articles.create({ slug: `w-${i}`, title: `w${i}`, body: '<p>w</p>', status: 'published', publishedAt: daysAgo(20 - i), readingMinutes: 1 });
        names.set(a.id, `w${i}`);
        await store.search.index([{ articleId: a.id, publishedAt: daysAgo(20 - i), text: text({ body: words }) }]);
      }
      const one = { ...byRelevance, candidates: 1 };
      const q = async (match: SearchMatch) => {
        const r = await store.search.query(match, {}, page, one);
        return { total: r.total, names: r.hits.map((h) => names.get(h.id)) };
      };
      const results = {
        inWindow: await q(all(['قديم'])),
        belowWindow: await q(all(['نادر'])),
        excluded: await q({ ...all(['قديم']), exclude: [['جديد']] }),
        excludedAlternatives: await q({ ...all(['قديم', 'نادر']), exclude: [['جديد', 'غائب']] }),
        broad: await q(all(['خبر'])),
      };
      expect(results).toEqual({
        inWindow: { total: 4, names: ['w12'] },
        belowWindow: { total: 2, names: ['w2'] },
        excluded: { total: 3, names: ['w3'] },
        excludedAlternatives: { total: 3, names: ['w3'] },
        broad: { total: 12, names: ['w12'] },
      });
      record('newest window', results);
    });

    it('counts words per document in the vocabulary, and uncounts them on removal and replacement', async () => {
      const { ids } = await seed();
      const before = await store.search.frequencies(['وزاره', 'الصحه', 'اللقاح', 'غائب']);
      expect(Object.fromEntries(before)).toEqual({ وزاره: 2, الصحه: 2, اللقاح: 2 });
      await store.search.remove([ids.a!]);
      expect(Object.fromEntries(await store.search.frequencies(['وزاره', 'تعلن']))).toEqual({ وزاره: 1 });
      await store.search.index([{ articleId: ids.b!, publishedAt: daysAgo(2), text: text({ title: "تحديث" }) }]);
      expect(Object.fromEntries(await store.search.frequencies(['اللقاح', 'تحديث']))).toEqual({ تحديث: 1 });
      expect(await store.search.count()).toBe(4);
    });

    it('rebuilds the vocabulary with the counts that indexing one by one gives, whatever the words hold', async () => {
      const texts = [
        text({ title: 'وزاره الصحه', body: 'اللقاح وزاره' }),
        text({ title: 'وزاره الرياضه', body: 'a"b c\\d [x,' }),
        // Valid JSON once quoted, but an escape would turn it into "eA".
        text({ body: 'الصحه e\\u0041 2026' }),
        text({ body: 'c\\d' }),
        text({}),
      ];
      const docs: SearchDocument[] = [];
      for (const [i, t] of texts.entries()) {
        const a = await store.articles.create({ slug: `v${i}`, title: `v${i}`, body: '<p>v</p>', status: 'published', publishedAt: daysAgo(i + 1), readingMinutes: 1 });
        docs.push({ articleId: a.id, publishedAt: daysAgo(i + 1), text: t });
      }
      const words = ['وزاره', 'الصحه', 'اللقاح', 'الرياضه', 'a"b', 'c\\d', 'e\\u0041', 'eA', '[x,', '2026', 'غائب'];
      await store.search.index(docs);
      const incremental = Object.fromEntries(await store.search.frequencies(words));
      expect(incremental).toEqual({ وزاره: 2, الصحه: 2, اللقاح: 1, الرياضه: 1, 'a"b': 1, 'c\\d': 2, 'e\\u0041': 1, '[x,': 1, '2026': 1 });
      async function* batches() {
        yield docs.slice(0, 1);
        yield docs.slice(1);
      }
      await expect(store.search.rebuild(batches())).resolves.toBe(5);
      expect(Object.fromEntries(await store.search.frequencies(words))).toEqual(incremental);
      expect(await store.search.count()).toBe(5);
    });

    it('never treats query terms as FTS or tsquery syntax', async () => {
      const { q } = await seed();
      for (const hostile of ['"', "'", 'NEAR', 'AND', 'OR', 'NOT', '*', '^', ':', '(', ')', "x' OR '1'='1", '\\', '-', '&', '|', '!', '<->']) {
        await expect(q(all([hostile]))).resolves.toMatchObject({ total: 0 });
        await expect(q({ groups: [['وزاره']], phrases: [[hostile, 'الصحه']], exclude: [[hostile]], mode: 'all' })).resolves.toBeDefined();
      }
      expect((await q(all([]))).total).toBe(0);
    });

    it('indexes articles when they are created published, not drafts, and rebuilds from the articles', async () => {
      const published = await store.articles.create({ slug: 'p', title: 'مستشفى جديد في فاس', body: '<p>افتتاح <b>مستشفى</b></p>', status: 'published', publishedAt: daysAgo(1), readingMinutes: 1 });
      await store.articles.create({ slug: 'd', title: 'مستشفى مسودة', body: '<p>مسودة</p>', status: 'draft', readingMinutes: 1 });
      await store.transaction(async (tx) => {
        await tx.articles.create({ slug: 't', title: 'مستشفى في الرباط', body: '<p>نص</p>', status: 'published', publishedAt: daysAgo(2), readingMinutes: 1 });
      });
      expect(await store.search.count()).toBe(2);
      const f = await store.search.frequencies(['مستشفي', 'مسوده', 'فاس']);
      expect(f.get('مستشفي')).toBe(2);
      expect(f.get('مسوده')).toBeUndefined();
      await store.search.clear();
      expect(await store.search.count()).toBe(0);
      const before = await store.contentVersion();
      await expect(store.reindex({ batchSize: 1 })).resolves.toEqual({ indexed: 2 });
      expect(await store.search.count()).toBe(2);
      expect((await store.search.frequencies(['مستشفي'])).get('مستشفي')).toBe(2);
      expect(await store.contentVersion()).toBeGreaterThan(before);
      expect(published.id).toBeGreaterThan(0);
    });

    it('gives the cards of published hits only, in the order asked, with their bodies', async () => {
      const a = await store.articles.create({ slug: 'a', title: 'أول', body: '<p>نص أول</p>', status: 'published', publishedAt: daysAgo(3), readingMinutes: 1 });
      const draft = await store.articles.create({ slug: 'd', title: 'مسودة', body: '<p>مسودة</p>', status: 'draft', readingMinutes: 1 });
      const b = await store.articles.create({ slug: 'b', title: 'ثان', body: '<p>نص ثان</p>', status: 'published', publishedAt: daysAgo(1), readingMinutes: 1 });
      const cards = await store.articles.publishedByIds([b.id, draft.id, 999_999, a.id]);
      expect(cards.map((c) => [c.slug, c.body])).toEqual([
        ['b', '<p>نص ثان</p>'],
        ['a', '<p>نص أول</p>'],
      ]);
      expect(cards[0]).not.toHaveProperty('status');
      record('cards', cards.map((c) => c.slug));
    });
  });
}

describe.skipIf(!storeKinds.every((k) => k.available))('search index contract: both stores agree', () => {
  it('returned the same documents in the same order for the same plans', () => {
    expect(seen.size).toBeGreaterThan(0);
    for (const [key, byStore] of seen) expect(byStore.postgres, key).toEqual(byStore.sqlite);
  });
});
