import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import type { Store } from '../../src/store/ports.js';
import { commentClient } from '../support/commentForms.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { storeKinds, type TestStore } from '../support/stores.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const article = demoContent.articles[2]!;
const articleUrl = encodePath(permalink.build({ id: 0, slug: article.slug, publishedAt: new Date(TEST_NOW.getTime() - article.hoursAgo * 3_600_000), categoryPath: '', authorSlug: '' }));

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`200 readers commenting at once [${kind.name}]`, () => {
    let handle: TestStore;
    let site: TestSite;
    let store: Store;
    let clock = TEST_NOW.getTime();

    beforeAll(async () => {
      handle = await kind.open({ now: () => new Date(clock) });
      store = handle.store;
      site = await openTestSite({ store, now: () => new Date(clock) });
    });
    afterAll(async () => {
      await site?.dispose();
      await handle?.dispose();
    });

    it('stores exactly 200 comments, each answered with its own anchor, counts exact', async () => {
      const client = commentClient(site.khabar.app);
      const form = await client.form(articleUrl);
      clock += 10_000;
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          client.post(
            { comment_post_ID: form.articleId, khabar_token: form.token, author: `قارئ ${i}`, email: `reader${i}@concurrent.example`, comment: `رأيي رقم ${i} في الموضوع` },
            { ip: `198.18.${Math.floor(i / 200)}.${i % 200}` },
          ),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(200).fill(303));
      const anchors = new Set(responses.map((r) => /#comment-(\d+)$/.exec(String(r.headers.location))?.[1]));
      expect(anchors.size).toBe(200);
      const id = Number(form.articleId);
      expect(await store.comments.count({ articleId: id })).toBe(200);
      // First comments from 200 new addresses are all held (WordPress's default), none lost.
      expect(await store.comments.countByStatus({ articleId: id })).toEqual({ pending: 200, approved: 0, spam: 0, trash: 0 });
      const all = await store.comments.list({ articleId: id }, { limit: 500, offset: 0 });
      await Promise.all(all.map((c) => store.comments.setStatus([c.id], 'approved')));
      expect((await store.articles.findById(id))!.commentCount).toBe(200);
    });
  });
}
