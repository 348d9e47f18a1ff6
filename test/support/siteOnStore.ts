import { afterAll, beforeAll } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import { openTestSite, TEST_NOW, type TestSite } from './khabar.js';
import type { StoreKind, TestStore } from './stores.js';

/**
 * A demo site on a fresh store of `kind`, opened before the tests of the calling `describe` and
 * closed after them. Read `site` and `store` inside tests (they exist once `beforeAll` ran).
 */
export function siteOnStore(kind: StoreKind): { readonly site: TestSite; readonly store: Store } {
  let site: TestSite | undefined;
  let handle: TestStore | undefined;
  beforeAll(async () => {
    handle = await kind.open({ now: () => TEST_NOW });
    site = await openTestSite({ store: handle.store });
  });
  afterAll(async () => {
    await site?.dispose();
    await handle?.dispose();
  });
  return {
    get site() {
      return site!;
    },
    get store() {
      return handle!.store;
    },
  };
}
