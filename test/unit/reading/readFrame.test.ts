import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFrame } from '../../../src/operations/reading/readFrame.js';
import { waitFor } from '../../support/waitFor.js';
import { openTestSite, type TestSite } from '../../support/khabar.js';

describe('readFrame', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await openTestSite();
  });
  afterAll(async () => {
    await site.dispose();
  });

  it('gives the same frame object while nothing changed (views are memoised per frame), a new one after a settings change', async () => {
    const first = await readFrame(site.khabar.reading);
    expect(await readFrame(site.khabar.reading)).toBe(first);
    await site.khabar.store.settings.set('site', { name: 'خبر اليوم' });
    await waitFor(async () => (await readFrame(site.khabar.reading)).settings.name === 'خبر اليوم', 5000, 'the new site name');
    const changed = await readFrame(site.khabar.reading);
    expect(changed).not.toBe(first);
    expect(await readFrame(site.khabar.reading)).toBe(changed);
  });
});
