import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import { storeKinds, type TestStore } from '../support/stores.js';

const hours = (n: number) => new Date(Date.UTC(2026, 10, 20, 12) + n * 3_600_000);

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`store contract [${kind.name}]`, () => {
    let handle: TestStore;
    let store: Store;

    beforeEach(async () => {
      handle = await kind.open({ now: () => new Date('2026-11-29T10:00:00.000Z') });
      store = handle.store;
    });
    afterEach(async () => {
      await handle.dispose();
    });

    async function seed() {
      const society = await store.sections.create({ slug: 'مجتمع', name: 'مجتمع', position: 1 });
      const sport = await store.sections.create({ slug: 'رياضة', name: 'رياضة', position: 2 });
      const football = await store.sections.create({ slug: 'كرة-القدم', name: 'كرة القدم', parentId: sport.id, position: 3 });
      const water = await store.tags.create({ slug: 'الماء', name: 'الماء' });
      const casa = await store.tags.create({ slug: 'الدار-البيضاء', name: 'الدار البيضاء' });
      const salma = await store.authors.create({ slug: 'salma-bennani', name: 'سلمى بناني' });
      const guest = await store.authors.create({ slug: 'ضيف', name: 'ضيف', isGuest: true });
      const make = (n: number, extra: Partial<Parameters<Store['articles']['create']>[0]> = {}) =>
        store.articles.create({
          slug: `مقال-${n}`,
          title: `مقال رقم ${n}`,
          body: `<p>نص ${n}</p>`,
          status: 'published',
          publishedAt: hours(n),
          readingMinutes: 2,
          sectionIds: [society.id],
          authorIds: [salma.id],
          ...extra,
        });
      const a1 = await make(1, { tagIds: [water.id, casa.id], authorIds: [salma.id, guest.id] });
      const a2 = await make(2, { tagIds: [water.id] });
      const a3 = await make(3, { sectionIds: [football.id, society.id], tagIds: [water.id, casa.id], isFeatured: true });
      const a4 = await make(4, { status: 'draft', publishedAt: null });
      const a5 = await make(5, { sectionIds: [sport.id], isBreaking: true });
      return { society, sport, football, water, casa, salma, guest, a1, a2, a3, a4, a5 };
    }

    /** How many store round-trips `work` sends. */
    async function roundTripsOf(work: () => Promise<unknown>): Promise<number> {
      let count = 0;
      const stop = store.observeQueries(() => count++);
      try {
        await work();
      } finally {
        stop();
      }
      return count;
    }

    it('migrates idempotently and reports ready', async () => {
      await store.migrate();
      await expect(store.checkReady()).resolves.toBeUndefined();
    });

    it('round-trips an article with Unicode slug and ordered relations', async () => {
      const s = await seed();
      const found = await store.articles.findBySlug('مقال-1');
      expect(found).toMatchObject({
        id: s.a1.id,
        title: 'مقال رقم 1',
        status: 'published',
        primarySectionId: s.society.id,
        tagIds: [s.water.id, s.casa.id],
        authorIds: [s.salma.id, s.guest.id],
        isBreaking: false,
        commentsOpen: true,
        version: 1,
      });
      expect(found?.publishedAt?.toISOString()).toBe(hours(1).toISOString());
      const three = await store.articles.findById(s.a3.id);
      expect(three?.sectionIds).toEqual([s.football.id, s.society.id]);
      expect(three?.primarySectionId).toBe(s.football.id);
      expect(await store.articles.findBySlug('nothing')).toBeNull();
      expect(await store.articles.slugExists('مقال-2')).toBe(true);
      expect(await store.articles.count()).toBe(5);
    });

    it('refuses a duplicate article slug and writes nothing of it', async () => {
      await seed();
      await expect(
        store.articles.create({ slug: 'مقال-1', title: 'x', body: '', status: 'draft', readingMinutes: 1, tagIds: [] }),
      ).rejects.toThrow();
      expect(await store.articles.count()).toBe(5);
    });

    it('lists published articles newest first, filtered and paged, with counts', async () => {
      const s = await seed();
      const all = await store.articles.listPublished({}, { limit: 10, offset: 0 });
      expect(all.map((c) => c.id)).toEqual([s.a5.id, s.a3.id, s.a2.id, s.a1.id]);
      expect(all[1]).toMatchObject({ slug: 'مقال-3', firstAuthorSlug: 'salma-bennani', primarySectionId: s.football.id });
      expect(all.find((c) => c.id === s.a1.id)?.firstAuthorSlug).toBe('salma-bennani');
      expect(await store.articles.countPublished({})).toBe(4);

      const society = await store.articles.listPublished({ sectionIds: [s.society.id] }, { limit: 2, offset: 1 });
      expect(society.map((c) => c.id)).toEqual([s.a2.id, s.a1.id]);
      expect(await store.articles.countPublished({ sectionIds: [s.society.id] })).toBe(3);
      expect(await store.articles.countPublished({ sectionIds: [s.sport.id, s.football.id] })).toBe(2);
      expect((await store.articles.listPublished({ tagId: s.casa.id }, { limit: 10, offset: 0 })).map((c) => c.id)).toEqual([
        s.a3.id,
        s.a1.id,
      ]);
      expect(await store.articles.countPublished({ authorId: s.guest.id })).toBe(1);
      expect((await store.articles.listPublished({ onlyBreaking: true }, { limit: 5, offset: 0 })).map((c) => c.id)).toEqual([s.a5.id]);
      expect((await store.articles.listPublished({ onlyFeatured: true }, { limit: 5, offset: 0 })).map((c) => c.id)).toEqual([s.a3.id]);
      expect(
        (await store.articles.listPublished({ excludeIds: [s.a5.id, s.a3.id] }, { limit: 5, offset: 0 })).map((c) => c.id),
      ).toEqual([s.a2.id, s.a1.id]);
    });

    it('lists several published lists in one round-trip, each as listPublished gives it', async () => {
      const s = await seed();
      const lists = [
        { filter: { onlyFeatured: true }, paging: { limit: 4, offset: 0 } },
        { filter: {}, paging: { limit: 3, offset: 0 } },
        { filter: { sectionIds: [s.society.id] }, paging: { limit: 2, offset: 1 } },
        { filter: { sectionIds: [s.sport.id, s.football.id] }, paging: { limit: 4, offset: 0 } },
        { filter: { tagId: s.casa.id, excludeIds: [s.a3.id] }, paging: { limit: 4, offset: 0 } },
        { filter: { authorId: s.guest.id, onlyBreaking: true }, paging: { limit: 4, offset: 0 } },
      ];
      const expected = [];
      for (const list of lists) expected.push(await store.articles.listPublished(list.filter, list.paging));
      let got: Awaited<ReturnType<Store['articles']['listPublishedMany']>> = [];
      expect(await roundTripsOf(async () => (got = await store.articles.listPublishedMany(lists)))).toBe(1);
      expect(got).toEqual(expected);
      expect(got[5]).toEqual([]);
      expect(await roundTripsOf(() => store.articles.listPublishedMany([]))).toBe(0);
    });

    it('finds related articles by shared tags first, then by section', async () => {
      const s = await seed();
      const related = await store.articles.related(s.a1, 3);
      expect(related.map((c) => c.id)).toEqual([s.a3.id, s.a2.id]);
      const fromSection = await store.articles.related({ id: s.a2.id, tagIds: [], sectionIds: [s.society.id] }, 5);
      expect(fromSection.map((c) => c.id)).toEqual([s.a3.id, s.a1.id]);
    });

    it('finds previous and next published articles in a section', async () => {
      const s = await seed();
      const { previous, next } = await store.articles.adjacentInSection(s.a2, s.society.id);
      expect(previous?.id).toBe(s.a1.id);
      expect(next?.id).toBe(s.a3.id);
      const edge = await store.articles.adjacentInSection(s.a3, s.society.id);
      expect(edge.next).toBeNull();
    });

    it('reads an article (or several) with its relations in one round-trip, relations empty when it has none', async () => {
      const s = await seed();
      expect(await roundTripsOf(() => store.articles.findBySlug('مقال-1'))).toBe(1);
      expect(await roundTripsOf(() => store.articles.findById(s.a1.id))).toBe(1);
      let many: Awaited<ReturnType<Store['articles']['findByIds']>> = [];
      expect(await roundTripsOf(async () => (many = await store.articles.findByIds([s.a3.id, 999_999, s.a4.id, s.a1.id])))).toBe(1);
      expect(many).toEqual([await store.articles.findById(s.a3.id), await store.articles.findById(s.a4.id), await store.articles.findById(s.a1.id)]);
      expect(await roundTripsOf(() => store.articles.findByIds([]))).toBe(0);
      const five = await store.articles.findById(s.a5.id);
      expect(five).toMatchObject({ sectionIds: [s.sport.id], tagIds: [], authorIds: [s.salma.id] });
    });

    it('gives related and neighbour cards in one round-trip, as related and adjacentInSection do', async () => {
      const s = await seed();
      for (const article of [s.a1, s.a2, s.a3, s.a5, { ...s.a2, tagIds: [] }, { ...s.a1, tagIds: [], sectionIds: [] }]) {
        for (const limit of [1, 2, 4]) {
          const sectionId = article.primarySectionId;
          const expected = {
            related: await store.articles.related(article, limit),
            ...(sectionId === null ? { previous: null, next: null } : await store.articles.adjacentInSection(article, sectionId)),
          };
          let got: Awaited<ReturnType<Store['articles']['neighbours']>> | undefined;
          expect(await roundTripsOf(async () => (got = await store.articles.neighbours(article, limit, sectionId)))).toBeLessThanOrEqual(1);
          expect(got, `article ${article.id}, limit ${limit}`).toEqual(expected);
        }
      }
      const { previous, next } = await store.articles.neighbours(s.a2, 4, s.society.id);
      expect([previous?.id, next?.id]).toEqual([s.a1.id, s.a3.id]);
      expect(await store.articles.neighbours({ ...s.a4, tagIds: [], sectionIds: [] }, 4, null)).toEqual({ related: [], previous: null, next: null });
    });

    it('gives an article\'s bylines and tags in its order, in one round-trip', async () => {
      const s = await seed();
      let got: Awaited<ReturnType<Store['articles']['bylinesAndTags']>> | undefined;
      const reversed = { authorIds: [s.guest.id, s.salma.id], tagIds: [s.casa.id, s.water.id] };
      expect(await roundTripsOf(async () => (got = await store.articles.bylinesAndTags(reversed)))).toBe(1);
      expect(got).toEqual({
        authors: [...(await store.authors.findByIds([s.guest.id])), ...(await store.authors.findByIds([s.salma.id]))],
        tags: [...(await store.tags.findByIds([s.casa.id])), ...(await store.tags.findByIds([s.water.id]))],
      });
      expect(got?.authors[0]).toMatchObject({ slug: 'ضيف', isGuest: true, userId: null, bio: null });
      expect(await store.articles.bylinesAndTags({ authorIds: [s.salma.id], tagIds: [] })).toEqual({ authors: await store.authors.findByIds([s.salma.id]), tags: [] });
      expect(await store.articles.bylinesAndTags({ authorIds: [], tagIds: [999_999] })).toEqual({ authors: [], tags: [] });
      expect(await roundTripsOf(() => store.articles.bylinesAndTags({ authorIds: [], tagIds: [] }))).toBe(0);
    });

    it('accumulates daily views and ranks the most read', async () => {
      const s = await seed();
      await store.articles.addViews('2026-11-28', new Map([[s.a1.id, 5], [s.a2.id, 2]]));
      await store.articles.addViews('2026-11-29', new Map([[s.a2.id, 7], [s.a4.id, 100], [999_999, 3]]));
      expect((await store.articles.mostRead('2026-11-28', 5)).map((c) => c.id)).toEqual([s.a2.id, s.a1.id]);
      expect((await store.articles.mostRead('2026-11-29', 5)).map((c) => c.id)).toEqual([s.a2.id]);
    });

    it('keeps sections ordered with their parents', async () => {
      const s = await seed();
      const sections = await store.sections.list();
      expect(sections.map((x) => x.slug)).toEqual(['مجتمع', 'رياضة', 'كرة-القدم']);
      expect(sections[2]?.parentId).toBe(s.sport.id);
      expect((await store.sections.findBySlug('كرة-القدم'))?.name).toBe('كرة القدم');
      expect((await store.tags.findBySlug('الماء'))?.id).toBe(s.water.id);
      expect((await store.tags.findByIds([s.casa.id]))[0]?.slug).toBe('الدار-البيضاء');
      expect((await store.authors.findBySlug('ضيف'))?.isGuest).toBe(true);
      expect((await store.authors.findByIds([s.salma.id]))[0]?.name).toBe('سلمى بناني');
    });

    it('stores redirects, replacing an existing source', async () => {
      await store.redirects.put({ fromPath: '/قديم/', toPath: '/جديد/', statusCode: 301 });
      await store.redirects.put({ fromPath: '/قديم/', toPath: '/أحدث/', statusCode: 301 });
      expect(await store.redirects.find('/قديم/')).toEqual({ fromPath: '/قديم/', toPath: '/أحدث/', statusCode: 301 });
      expect(await store.redirects.find('/none/')).toBeNull();
    });

    it('stores settings as JSON values', async () => {
      await store.settings.set('site.follow', { whatsapp: 'https://example.org/w' });
      await store.settings.set('site.follow', { whatsapp: null });
      expect(await store.settings.get('site.follow')).toEqual({ whatsapp: null });
      expect(await store.settings.get('missing')).toBeUndefined();
      expect(await store.settings.all()).toEqual({ 'site.follow': { whatsapp: null } });
    });

    it('stores pages, media and users', async () => {
      await store.pages.create({ slug: 'من-نحن', title: 'من نحن', body: '<p>x</p>', status: 'published', position: 2 });
      await store.pages.create({ slug: 'مسودة', title: 'مسودة', body: '', status: 'draft' });
      expect((await store.pages.findPublishedBySlug('من-نحن'))?.title).toBe('من نحن');
      expect(await store.pages.findPublishedBySlug('مسودة')).toBeNull();
      expect((await store.pages.listPublished()).map((p) => p.slug)).toEqual(['من-نحن']);

      const media = await store.media.create({
        key: 'demo/tram.svg',
        mimeType: 'image/svg+xml',
        width: 1600,
        height: 900,
        sizeBytes: 1234,
        alt: 'ترامواي',
        variants: [{ key: 'demo/tram-320.webp', width: 320, height: 180, format: 'webp' }],
      });
      expect((await store.media.findByIds([media.id]))[0]?.variants[0]?.width).toBe(320);

      await store.users.create({ email: 'Salma@Example.ma', displayName: 'سلمى', role: 'editor' });
      expect((await store.users.findByEmail('salma@example.ma'))?.role).toBe('editor');
      expect(await store.users.count()).toBe(1);
      await expect(store.users.create({ email: 'salma@example.ma', displayName: 'x', role: 'admin' })).rejects.toThrow();
    });

    it('moves the content version with every content write, not with view counts or failed transactions', async () => {
      const v0 = await store.contentVersion();
      const s = await seed();
      const v1 = await store.contentVersion();
      expect(v1).toBeGreaterThan(v0);
      await store.articles.addViews('2026-11-29', new Map([[s.a1.id, 1]]));
      expect(await store.contentVersion()).toBe(v1);
      await store.settings.set('site', { name: 'x' });
      const v2 = await store.contentVersion();
      expect(v2).toBeGreaterThan(v1);
      await store.redirects.put({ fromPath: '/a/', toPath: '/b/', statusCode: 301 });
      expect(await store.contentVersion()).toBeGreaterThan(v2);
      const v3 = await store.contentVersion();
      await expect(
        store.transaction(async (tx) => {
          await tx.tags.create({ slug: 'وسم', name: 'وسم' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.contentVersion()).toBe(v3);
      await store.transaction(async (tx) => {
        await tx.tags.create({ slug: 'وسم', name: 'وسم' });
      });
      expect(await store.contentVersion()).toBe(v3 + 1);
    });

    it('tells the last change of articles linked to each taxonomy', async () => {
      expect(await store.articles.taxonomyLastChange('tags')).toBeNull();
      const s = await seed();
      expect((await store.articles.taxonomyLastChange('sections'))?.toISOString()).toBe(hours(5).toISOString());
      expect((await store.articles.taxonomyLastChange('tags'))?.toISOString()).toBe(hours(3).toISOString());
      expect((await store.articles.taxonomyLastChange('authors'))?.toISOString()).toBe(hours(5).toISOString());
      await store.articles.create({
        slug: 'ضيف-فقط',
        title: 'ضيف',
        body: '',
        status: 'published',
        publishedAt: hours(9),
        authorIds: [s.guest.id],
        readingMinutes: 1,
      });
      // A guest byline alone does not make an author archive.
      expect((await store.articles.taxonomyLastChange('authors'))?.toISOString()).toBe(hours(5).toISOString());
    });

    it('rolls a failed transaction back completely', async () => {
      const s = await seed();
      await expect(
        store.transaction(async (tx) => {
          await tx.sections.create({ slug: 'اقتصاد', name: 'اقتصاد' });
          await tx.articles.create({ slug: 'جديد', title: 'جديد', body: '', status: 'draft', readingMinutes: 1, sectionIds: [s.society.id] });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.sections.findBySlug('اقتصاد')).toBeNull();
      expect(await store.articles.slugExists('جديد')).toBe(false);
    });

    it('refuses relations to rows that do not exist, writing nothing', async () => {
      await seed();
      await expect(
        store.articles.create({ slug: 'يتيم', title: 'يتيم', body: '', status: 'draft', readingMinutes: 1, sectionIds: [424242] }),
      ).rejects.toThrow();
      expect(await store.articles.slugExists('يتيم')).toBe(false);
    });

    it('lists months with published articles (UTC buckets) with counts and last change', async () => {
      const s = await seed();
      await store.articles.create({
        slug: 'أكتوبر', title: 'أكتوبر', body: '', status: 'published', readingMinutes: 1,
        publishedAt: new Date('2026-10-31T23:30:00.000Z'), modifiedAt: new Date('2026-11-02T08:00:00.000Z'), sectionIds: [s.society.id],
      });
      expect(await store.articles.publishedMonths()).toEqual([
        { month: '2026-10', count: 1, lastModified: new Date('2026-11-02T08:00:00.000Z') },
        { month: '2026-11', count: 4, lastModified: hours(5) },
      ]);
    });

    it('lists a range of published articles for sitemaps, oldest first, with image and first author', async () => {
      const s = await seed();
      const media = await store.media.create({ key: 'a/صورة.jpg', mimeType: 'image/jpeg', sizeBytes: 10, alt: 'بديل', caption: 'تعليق & شرح' });
      const img = await store.articles.create({
        slug: 'مصور', title: 'مصور', body: '', status: 'published', readingMinutes: 1, publishedAt: hours(2.5),
        modifiedAt: hours(7), featuredMediaId: media.id, authorIds: [s.salma.id],
      });
      const all = await store.articles.listForSitemap(hours(0).toISOString(), hours(100).toISOString(), 100, 0);
      expect(all.map((a) => a.id)).toEqual([s.a1.id, s.a2.id, img.id, s.a3.id, s.a5.id]);
      expect(all[0]).toMatchObject({ slug: 'مقال-1', firstAuthorSlug: 'salma-bennani', modifiedAt: null, featuredImage: null, primarySectionId: s.society.id });
      expect(all[2]).toMatchObject({ modifiedAt: hours(7), featuredImage: { key: 'a/صورة.jpg', alt: 'بديل', caption: 'تعليق & شرح' } });
      // Half-open range and paging.
      const range = await store.articles.listForSitemap(hours(2).toISOString(), hours(5).toISOString(), 100, 0);
      expect(range.map((a) => a.id)).toEqual([s.a2.id, img.id, s.a3.id]);
      const page = await store.articles.listForSitemap(hours(0).toISOString(), hours(100).toISOString(), 2, 2);
      expect(page.map((a) => a.id)).toEqual([img.id, s.a3.id]);
    });

    it('lists published cards since an instant, newest first', async () => {
      const s = await seed();
      const since = await store.articles.publishedSince(hours(2).toISOString(), 10);
      expect(since.map((a) => a.id)).toEqual([s.a5.id, s.a3.id, s.a2.id]);
      expect(await store.articles.publishedSince(hours(2).toISOString(), 1)).toHaveLength(1);
      expect(await store.articles.publishedSince(hours(6).toISOString(), 10)).toEqual([]);
    });

    it('lists sections, tags and non-guest authors that have published articles', async () => {
      const s = await seed();
      await store.tags.create({ slug: 'فارغ', name: 'فارغ' });
      await store.articles.create({
        slug: 'مسودة', title: 'مسودة', body: '', status: 'draft', readingMinutes: 1, tagIds: [(await store.tags.create({ slug: 'مسودات', name: 'مسودات' })).id],
      });
      const sections = await store.articles.publishedTaxonomy('sections');
      expect(sections).toEqual([
        { id: s.society.id, slug: 'مجتمع', lastModified: hours(3) },
        { id: s.sport.id, slug: 'رياضة', lastModified: hours(5) },
        { id: s.football.id, slug: 'كرة-القدم', lastModified: hours(3) },
      ]);
      expect(await store.articles.publishedTaxonomy('tags')).toEqual([
        { id: s.water.id, slug: 'الماء', lastModified: hours(3) },
        { id: s.casa.id, slug: 'الدار-البيضاء', lastModified: hours(3) },
      ]);
      expect(await store.articles.publishedTaxonomy('authors')).toEqual([{ id: s.salma.id, slug: 'salma-bennani', lastModified: hours(5) }]);
    });
  });
}
