import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import { storeKinds, type TestStore } from '../support/stores.js';

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`store contract [${kind.name}] the search index follows the newsroom's saves`, () => {
    let handle: TestStore;
    let store: Store;
    beforeEach(async () => {
      handle = await kind.open({ now: () => new Date('2026-11-29T10:00:00.000Z') });
      store = handle.store;
    });
    afterEach(async () => {
      await handle.dispose();
    });

    it('indexes an article when a save publishes it, re-indexes edits, and removes it when unpublished', async () => {
      const draft = await store.articles.create({ slug: 'مسودة', title: 'مسودة عن الترامواي', body: '<p>نص</p>', status: 'draft', readingMinutes: 1 });
      expect(await store.search.count()).toBe(0);
      const published = await store.articles.save({
        id: draft.id,
        expectedVersion: draft.version,
        changes: { status: 'published', publishedAt: new Date('2026-11-29T09:00:00.000Z') },
        userId: null,
      });
      expect(await store.search.count()).toBe(1);
      const words = async () => [...(await store.search.frequencies(['الترامواي', 'الحافله'])).keys()].sort();
      expect(await words()).toEqual(['الترامواي']);
      const edited = await store.articles.save({ id: draft.id, expectedVersion: published.version, changes: { title: 'مسودة عن الحافلة' }, userId: null });
      expect(await words()).toEqual(['الحافله']);
      await store.articles.save({ id: draft.id, expectedVersion: edited.version, changes: { status: 'unpublished' }, userId: null });
      expect(await store.search.count()).toBe(0);
    });
  });
}
