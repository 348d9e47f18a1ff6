import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewMedia } from '../../src/domain/media.js';
import type { Store } from '../../src/store/ports.js';
import { storeKinds, type TestStore } from '../support/stores.js';

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`store contract [${kind.name}] media library`, () => {
    let handle: TestStore;
    let store: Store;
    let clock = Date.parse('2026-11-29T10:00:00.000Z');
    const now = () => new Date(clock);
    let n = 0;
    const item = (extra: Partial<NewMedia> = {}): NewMedia => {
      n += 1;
      return { key: `2026/11/k${n}/original.jpg`, mimeType: 'image/jpeg', width: 800, height: 600, sizeBytes: 1000 + n, ...extra };
    };
    /** Creates items one second apart, so "newest first" is decided by time. */
    const add = async (extra: Partial<NewMedia> = {}) => {
      clock += 1000;
      return store.media.create(item(extra));
    };

    beforeEach(async () => {
      handle = await kind.open({ now });
      store = handle.store;
    });
    afterEach(async () => {
      await handle.dispose();
    });

    it('round-trips every field, with crops among the variants', async () => {
      const variants = [
        { key: '2026/11/k/w320.webp', width: 320, height: 240, format: 'webp' },
        { key: '2026/11/k/crop-16x9.jpg', width: 800, height: 450, format: 'jpeg', crop: '16:9' as const },
      ];
      const created = await add({ alt: 'بديل', caption: 'تعليق', credit: 'وكالة', focalX: 0.25, focalY: 0.75, originalName: 'صورة.jpg', uploadedBy: null, variants });
      const found = await store.media.findById(created.id);
      expect(found).toEqual(created);
      expect(found).toMatchObject({ alt: 'بديل', caption: 'تعليق', credit: 'وكالة', focalX: 0.25, focalY: 0.75, originalName: 'صورة.jpg', variants });
      expect(await store.media.findById(created.id + 1000)).toBeNull();
    });

    it('lists newest first with ties by id, pages, counts and searches folded words', async () => {
      const a = await add({ alt: 'الصورةُ الأولى لميناء طنجة', originalName: 'port.jpg' });
      const b = await add({ caption: 'مباراة الرجاء', credit: 'Reuters', uploadedBy: null });
      clock -= 1000; // same instant as b: the higher id comes first
      const c = await add({ originalName: 'مباراة_100%.png' });
      const ids = async (search?: string, limit = 10, offset = 0) => (await store.media.list(search === undefined ? {} : { search }, { limit, offset })).map((m) => m.id);
      expect(await ids()).toEqual([c.id, b.id, a.id]);
      expect(await ids(undefined, 2, 1)).toEqual([b.id, a.id]);
      expect(await store.media.count({})).toBe(3);
      expect(await ids('الصوره الاولي')).toEqual([a.id]);
      expect(await ids('طنجة port')).toEqual([a.id]);
      expect(await ids('REUTERS')).toEqual([b.id]);
      expect(await ids('مباراة')).toEqual([c.id, b.id]);
      expect(await store.media.count({ search: 'مباراة' })).toBe(2);
      expect(await ids('100%')).toEqual([c.id]);
      expect(await ids('_')).toEqual([c.id]);
      expect(await ids('غائب')).toEqual([]);
    });

    it('updates only the given fields and keeps search in step', async () => {
      const m = await add({ alt: 'قديم', caption: 'تعليق', credit: 'وكالة' });
      const updated = await store.media.update(m.id, { alt: 'جديد', credit: null, focalX: 0.1 });
      expect(updated).toMatchObject({ alt: 'جديد', caption: 'تعليق', credit: null, focalX: 0.1, focalY: null });
      expect((await store.media.list({ search: 'جديد' }, { limit: 5, offset: 0 })).map((x) => x.id)).toEqual([m.id]);
      expect(await store.media.count({ search: 'قديم' })).toBe(0);
      expect(await store.media.update(m.id + 1000, { alt: 'x' })).toBeNull();
    });

    it('loses no field when writers overlap: text edits and variant functions all land', async () => {
      const m = await add({ alt: 'قديم' });
      const extra = (n: number) => ({ key: `m/extra${n}.avif`, width: 100 + n, height: 50, format: 'avif' });
      // Started together, these read the same row; each must still see its change kept.
      await Promise.all([
        store.media.update(m.id, { alt: 'نص بديل' }),
        ...Array.from({ length: 6 }, (_, n) => store.media.update(m.id, { variants: (current) => [...current, extra(n)] })),
        store.media.update(m.id, { caption: 'تعليق' }),
        store.media.update(m.id, { credit: 'وكالة' }),
      ]);
      const stored = await store.media.findById(m.id);
      expect(stored).toMatchObject({ alt: 'نص بديل', caption: 'تعليق', credit: 'وكالة' });
      expect(stored!.variants.filter((v) => v.key.startsWith('m/extra')).map((v) => v.width).sort()).toEqual([100, 101, 102, 103, 104, 105]);
      expect(await store.media.count({ search: 'وكالة نص' })).toBe(1);
    });

    it('deletes, tells which live articles feature an item, and moves the content version on every write', async () => {
      const m = await add();
      const spare = await add();
      const featuring = await store.articles.create({ slug: 'مقال', title: 'مقال', body: '<p>نص</p>', status: 'draft', readingMinutes: 1, featuredMediaId: m.id });
      await store.articles.create({ slug: 'محذوف', title: 'محذوف', body: '<p>نص</p>', status: 'trash', readingMinutes: 1, featuredMediaId: m.id });
      expect(await store.media.featuredIn(m.id)).toEqual([featuring.id]);
      expect(await store.media.featuredIn(spare.id)).toEqual([]);

      let version = await store.contentVersion();
      await store.media.update(spare.id, { alt: 'x' });
      expect(await store.contentVersion()).toBeGreaterThan(version);
      version = await store.contentVersion();
      expect(await store.media.delete(m.id)).toBe(true);
      expect(await store.contentVersion()).toBeGreaterThan(version);
      expect(await store.media.delete(m.id)).toBe(false);
      expect(await store.media.findById(m.id)).toBeNull();
      // The article keeps existing, without its image.
      expect((await store.articles.findById(featuring.id))?.featuredMediaId).toBeNull();
    });
  });
}
