import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewComment } from '../../src/domain/comment.js';
import { createStoreRateLimiter } from '../../src/ratelimit/createStoreRateLimiter.js';
import type { Store } from '../../src/store/ports.js';
import { storeKinds, type TestStore } from '../support/stores.js';

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`store contract [${kind.name}] comments, rate limits, secrets`, () => {
    let handle: TestStore;
    let store: Store;
    let clock = Date.parse('2026-11-29T10:00:00.000Z');
    const now = () => new Date(clock);

    beforeEach(async () => {
      handle = await kind.open({ now });
      store = handle.store;
    });
    afterEach(async () => {
      await handle.dispose();
    });

    async function article(slug = 'مقال') {
      return store.articles.create({ slug, title: slug, body: '<p>نص</p>', status: 'published', publishedAt: now(), readingMinutes: 1 });
    }
    const comment = (articleId: number, extra: Partial<NewComment> = {}): NewComment => ({
      articleId,
      parentId: null,
      depth: 1,
      authorName: 'قارئ',
      authorEmail: 'Reader@Example.ma',
      authorUrl: null,
      body: '<p>تعليق</p>',
      status: 'pending',
      ipHash: 'a'.repeat(32),
      userAgent: 'test',
      fingerprint: 'f1',
      ...extra,
    });

    it('never shows a read outside a transaction what the transaction has not committed, nor what it rolled back', async () => {
      const a = await article();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let written!: (id: number) => void;
      const insertedId = new Promise<number>((resolve) => (written = resolve));
      // The transaction writes, then waits on something outside the store (as an upload would).
      const tx = store.transaction(async (repos) => {
        const c = await repos.comments.create(comment(a.id, { fingerprint: 'inside' }));
        written(c.id);
        await released;
        throw new Error('rolled back on purpose');
      });
      const id = await insertedId;
      // Prepared reads (the ones SQLite runs outside Kysely, decision 035) while it is open.
      const during = Promise.all([store.comments.findById(id), store.comments.findDuplicate(a.id, 'inside', 'reader@example.ma', null), store.articles.findCommentTarget(a.id)]);
      release();
      await expect(tx).rejects.toThrow('rolled back on purpose');
      const [byId, duplicate, target] = await during;
      expect(byId).toBeNull();
      expect(duplicate).toBeNull();
      expect(target?.commentCount).toBe(0);
      expect(await store.comments.findById(id)).toBeNull();
    });

    it('keeps the article’s approved count and the content version in step with comment states', async () => {
      const a = await article();
      const v0 = await store.contentVersion();
      const held = await store.comments.create(comment(a.id));
      expect(held.authorEmail).toBe('reader@example.ma');
      expect(await store.contentVersion()).toBe(v0); // a held comment changes nothing readers see
      expect((await store.articles.findById(a.id))!.commentCount).toBe(0);
      const shown = await store.comments.create(comment(a.id, { status: 'approved', fingerprint: 'f2' }));
      expect(await store.contentVersion()).toBeGreaterThan(v0);
      expect((await store.articles.findById(a.id))!.commentCount).toBe(1);
      expect(await store.comments.setStatus([held.id, shown.id], 'approved')).toEqual([held.id]);
      expect((await store.articles.findById(a.id))!.commentCount).toBe(2);
      const cards = await store.articles.listPublished({}, { limit: 5, offset: 0 });
      expect(cards.find((c) => c.id === a.id)?.commentCount).toBe(2);
      const v1 = await store.contentVersion();
      await store.comments.setStatus([shown.id], 'spam');
      expect(await store.contentVersion()).toBeGreaterThan(v1);
      expect((await store.articles.findById(a.id))!.commentCount).toBe(1);
      expect(await store.comments.countByStatus()).toEqual({ pending: 0, approved: 1, spam: 1, trash: 0 });
    });

    it('lists approved comments oldest first, and moderation lists newest first with filters', async () => {
      const a = await article('أ');
      const b = await article('ب');
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) {
        clock += 1000;
        ids.push((await store.comments.create(comment(i % 2 ? b.id : a.id, { status: i === 3 ? 'pending' : 'approved', fingerprint: `f${i}`, body: `<p>رقم ${i}</p>` }))).id);
      }
      expect((await store.comments.listApproved(a.id)).map((c) => c.id)).toEqual([ids[0], ids[2]]);
      expect((await store.comments.list({}, { limit: 10, offset: 0 })).map((c) => c.id)).toEqual([...ids].reverse());
      expect((await store.comments.list({ statuses: ['pending'] }, { limit: 10, offset: 0 })).map((c) => c.id)).toEqual([ids[3]]);
      expect(await store.comments.count({ articleIds: [b.id] })).toBe(2);
      expect(await store.comments.count({ articleIds: [] })).toBe(0);
      expect((await store.comments.list({ search: 'رقم 2' }, { limit: 10, offset: 0 })).map((c) => c.id)).toEqual([ids[2]]);
      expect((await store.comments.list({ search: '100%_' }, { limit: 10, offset: 0 }))).toEqual([]);
      expect(await store.comments.hasApprovedFrom('READER@example.ma')).toBe(true);
      expect(await store.comments.hasApprovedFrom('other@example.ma')).toBe(false);
    });

    it('finds duplicates by fingerprint from the same email or address, and edits', async () => {
      const a = await article();
      const c = await store.comments.create(comment(a.id, { status: 'approved' }));
      expect((await store.comments.findDuplicate(a.id, 'f1', 'other@example.ma', 'a'.repeat(32)))?.id).toBe(c.id);
      expect((await store.comments.findDuplicate(a.id, 'f1', 'reader@example.ma', null))?.id).toBe(c.id);
      expect(await store.comments.findDuplicate(a.id, 'f1', 'other@example.ma', 'b'.repeat(32))).toBeNull();
      const v = await store.contentVersion();
      const edited = await store.comments.update(c.id, { body: '<p>معدّل</p>', authorName: 'اسم جديد' });
      expect(edited?.body).toBe('<p>معدّل</p>');
      expect(await store.contentVersion()).toBeGreaterThan(v);
      expect(await store.comments.update(999_999, { body: 'x' })).toBeNull();
    });

    it('stores exactly 200 comments posted concurrently', async () => {
      const a = await article();
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          store.comments.create(comment(a.id, { status: i % 2 ? 'approved' : 'pending', authorEmail: `r${i}@example.ma`, fingerprint: `c${i}`, ipHash: String(i).padStart(32, '0') })),
        ),
      );
      expect(await store.comments.count({ articleId: a.id })).toBe(200);
      expect((await store.articles.findById(a.id))!.commentCount).toBe(100);
      // Twenty moderators approving the same held comment at once count it once.
      const held = (await store.comments.list({ articleId: a.id, statuses: ['pending'] }, { limit: 1, offset: 0 }))[0]!;
      const changed = await Promise.all(Array.from({ length: 20 }, () => store.comments.setStatus([held.id], 'approved')));
      expect(changed.flat()).toEqual([held.id]);
      expect((await store.articles.findById(a.id))!.commentCount).toBe(101);
    });

    it('moves comments only from the states asked for, keeping counts exact', async () => {
      const a = await article();
      const shown = await store.comments.create(comment(a.id, { status: 'approved', fingerprint: 'm1' }));
      const held = await store.comments.create(comment(a.id, { fingerprint: 'm2' }));
      const junk = await store.comments.create(comment(a.id, { status: 'spam', fingerprint: 'm3' }));
      const binned = await store.comments.create(comment(a.id, { status: 'trash', fingerprint: 'm4' }));
      const all = [shown.id, held.id, junk.id, binned.id];
      // Restore: only trash and spam go back to pending.
      expect(await store.comments.setStatus(all, 'pending', ['trash', 'spam'])).toEqual([junk.id, binned.id]);
      expect((await store.comments.findById(shown.id))!.status).toBe('approved');
      expect((await store.articles.findById(a.id))!.commentCount).toBe(1);
      // Unapprove: only the approved one moves, and the count follows.
      const v = await store.contentVersion();
      expect(await store.comments.setStatus(all, 'pending', ['approved'])).toEqual([shown.id]);
      expect((await store.articles.findById(a.id))!.commentCount).toBe(0);
      expect(await store.contentVersion()).toBeGreaterThan(v);
      expect(await store.comments.setStatus(all, 'pending', [])).toEqual([]);
      expect(await store.comments.countByStatus({ articleId: a.id })).toEqual({ pending: 4, approved: 0, spam: 0, trash: 0 });
      expect(await store.comments.setStatus([shown.id, held.id], 'approved', ['pending'])).toEqual([shown.id, held.id]);
      expect((await store.articles.findById(a.id))!.commentCount).toBe(2);
    });

    it('deletes for good only comments in the trash or spam; replies stay, the count is untouched', async () => {
      const a = await article();
      const parent = await store.comments.create(comment(a.id, { status: 'approved', fingerprint: 'd1' }));
      const reply = await store.comments.create(comment(a.id, { status: 'approved', fingerprint: 'd2', parentId: parent.id, depth: 2 }));
      const junk = await store.comments.create(comment(a.id, { status: 'spam', fingerprint: 'd3' }));
      expect(await store.comments.deleteForever([parent.id, junk.id, 999_999])).toEqual([junk.id]);
      expect(await store.comments.findById(parent.id)).not.toBeNull();
      expect((await store.articles.findById(a.id))!.commentCount).toBe(2);
      await store.comments.setStatus([parent.id], 'trash');
      expect((await store.articles.findById(a.id))!.commentCount).toBe(1);
      const v = await store.contentVersion();
      expect(await store.comments.deleteForever([parent.id])).toEqual([parent.id]);
      expect(await store.comments.findById(parent.id)).toBeNull();
      expect(await store.comments.findById(junk.id)).toBeNull();
      const orphan = await store.comments.findById(reply.id);
      expect(orphan).toMatchObject({ status: 'approved', parentId: null });
      expect((await store.articles.findById(a.id))!.commentCount).toBe(1);
      expect(await store.contentVersion()).toBe(v);
      expect(await store.comments.deleteForever([])).toEqual([]);
      expect(await store.comments.countByStatus({ articleId: a.id })).toEqual({ pending: 0, approved: 1, spam: 0, trash: 0 });
    });

    it('reads the few columns of a comment post’s article, its first byline included, and nothing for an unknown id', async () => {
      const first = await store.authors.create({ slug: 'awwal', name: 'الأول' });
      const second = await store.authors.create({ slug: 'thani', name: 'الثاني' });
      const a = await store.articles.create({ slug: 'مقال-التعليق', title: 'عنوان', body: '<p>نص طويل</p>', status: 'published', publishedAt: now(), readingMinutes: 1, authorIds: [second.id, first.id] });
      await store.comments.create(comment(a.id, { status: 'approved', fingerprint: 'ct1' }));
      const full = (await store.articles.findById(a.id))!;
      expect(await store.articles.findCommentTarget(a.id)).toEqual({
        id: a.id,
        slug: full.slug,
        title: full.title,
        status: 'published',
        publishedAt: full.publishedAt,
        primarySectionId: full.primarySectionId,
        commentsOpen: full.commentsOpen,
        commentCount: 1,
        authorIds: [second.id],
      });
      const draft = await store.articles.create({ slug: 'مسودة', title: 'مسودة', body: '<p>نص</p>', status: 'draft', readingMinutes: 1 });
      expect(await store.articles.findCommentTarget(draft.id)).toMatchObject({ status: 'draft', publishedAt: null, authorIds: [] });
      expect(await store.articles.findCommentTarget(999_999)).toBeNull();
    });

    it('keeps the stored thread count equal to a count of approved top-level comments through every write', async () => {
      const a = await article();
      const other = await article('آخر');
      /** The stored count (threadsFrom's total) against a count of the rows, for both articles. */
      const expectInStep = async (expected: number) => {
        for (const id of [a.id, other.id]) {
          const { total, fromHere } = await store.comments.threadsFrom(id, { createdAt: new Date(0), id: 0 });
          const counted = await store.comments.countThreads(id);
          expect({ id, total, fromHere }).toEqual({ id, total: counted, fromHere: counted });
        }
        expect((await store.comments.threadsFrom(a.id, { createdAt: new Date(0), id: 0 })).total).toBe(expected);
      };
      const first = await store.comments.create(comment(a.id, { status: 'approved', fingerprint: 't1' }));
      clock += 1000;
      const second = await store.comments.create(comment(a.id, { status: 'approved', fingerprint: 't2' }));
      const reply = await store.comments.create(comment(a.id, { status: 'approved', fingerprint: 't3', parentId: first.id, depth: 2 }));
      const held = await store.comments.create(comment(a.id, { fingerprint: 't4' }));
      await store.comments.create(comment(other.id, { status: 'approved', fingerprint: 't5' }));
      await expectInStep(2);
      // Position of a thread: the threads before it are the total less those from it on.
      const at = await store.comments.threadsFrom(a.id, { createdAt: second.createdAt, id: second.id });
      expect(at.total - at.fromHere).toBe(await store.comments.countThreads(a.id, { createdAt: second.createdAt, id: second.id }));
      expect(at).toEqual({ total: 2, fromHere: 1 });
      await store.comments.setStatus([held.id, reply.id], 'approved');
      await expectInStep(3);
      await store.comments.setStatus([first.id, reply.id], 'pending', ['approved']);
      await expectInStep(2);
      await store.comments.setStatus([first.id, reply.id], 'approved');
      await expectInStep(3);
      // Deleting a trashed parent for good turns its approved reply into a thread.
      await store.comments.setStatus([first.id], 'trash');
      await expectInStep(2);
      await store.comments.deleteForever([first.id]);
      await expectInStep(3);
      // The same through purgeOld (spam older than a date).
      const spamParent = await store.comments.create(comment(a.id, { status: 'approved', fingerprint: 't6' }));
      await store.comments.create(comment(a.id, { status: 'approved', fingerprint: 't7', parentId: spamParent.id, depth: 2 }));
      await store.comments.create(comment(a.id, { status: 'pending', fingerprint: 't8', parentId: spamParent.id, depth: 2 }));
      await expectInStep(4);
      await store.comments.setStatus([spamParent.id], 'spam');
      await expectInStep(3);
      clock += 1000;
      expect(await store.comments.purgeOld(['spam'], now().toISOString())).toBe(1);
      await expectInStep(4);
      expect(await store.comments.threadsFrom(999_999, { createdAt: new Date(0), id: 0 })).toEqual({ total: 0, fromHere: 0 });
    });

    it('finds the author profile linked to a user, and narrows comment lists to its bylines', async () => {
      const user = await store.users.create({ email: 'kateb@example.ma', displayName: 'كاتب', role: 'author' });
      const mine = await store.authors.create({ slug: 'kateb', name: 'كاتب', userId: user.id });
      const second = await store.authors.create({ slug: 'kateb-2', name: 'كاتب ٢' });
      const other = await store.authors.create({ slug: 'akhar', name: 'آخر' });
      expect((await store.authors.findByUserId(user.id))?.id).toBe(mine.id);
      expect(await store.authors.findByUserId(user.id + 1000)).toBeNull();
      const own = await store.articles.create({ slug: 'لي', title: 'لي', body: '<p>نص</p>', status: 'published', publishedAt: now(), readingMinutes: 1, authorIds: [other.id, mine.id] });
      const theirs = await store.articles.create({ slug: 'لغيري', title: 'لغيري', body: '<p>نص</p>', status: 'published', publishedAt: now(), readingMinutes: 1, authorIds: [other.id, second.id] });
      const c1 = await store.comments.create(comment(own.id, { fingerprint: 'o1' }));
      await store.comments.create(comment(theirs.id, { fingerprint: 'o2' }));
      expect((await store.comments.list({ articleAuthorIds: [mine.id] }, { limit: 10, offset: 0 })).map((c) => c.id)).toEqual([c1.id]);
      expect(await store.comments.countByStatus({ articleAuthorIds: [mine.id] })).toEqual({ pending: 1, approved: 0, spam: 0, trash: 0 });
      expect(await store.comments.count({ articleAuthorIds: [] })).toBe(0);
    });

    it('counts rate-limit windows across callers and starts a new window when one ends', async () => {
      const limiter = createStoreRateLimiter({ rateLimits: store.rateLimits, now });
      const decisions = await Promise.all(Array.from({ length: 8 }, () => limiter.hit('k', 5, 60_000)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
      expect(Math.max(...decisions.map((d) => d.count))).toBe(8);
      expect(await limiter.peek('k', 60_000)).toBe(8);
      clock += 61_000;
      const fresh = await limiter.hit('k', 5, 60_000);
      expect(fresh).toMatchObject({ allowed: true, count: 1 });
      expect(fresh.retryAfterMs).toBe(60_000);
      await limiter.reset('k');
      expect(await limiter.peek('k', 60_000)).toBe(0);
      clock += 120_000;
      expect(await store.rateLimits.sweep(clock)).toBe(0);
      await limiter.hit('gone', 1, 1000);
      clock += 2000;
      expect(await store.rateLimits.sweep(clock)).toBe(1);
    });

    it('counts several windows in one call, each key on its own window, exact under concurrency', async () => {
      const limiter = createStoreRateLimiter({ rateLimits: store.rateLimits, now });
      const hits = [
        { key: 'ip:m', limit: 3, windowMs: 60_000 },
        { key: 'ip:h', limit: 5, windowMs: 3_600_000 },
        { key: 'email:h', limit: 4, windowMs: 3_600_000 },
      ];
      const rounds = await Promise.all(Array.from({ length: 6 }, () => limiter.hitMany!(hits)));
      // Every call got one decision per key, in the order asked; the six calls counted 1…6 on each key.
      for (const [i, key] of ['ip:m', 'ip:h', 'email:h'].entries()) {
        expect(rounds.map((r) => r[i]!.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(await limiter.peek(key, 0)).toBe(6);
      }
      expect(rounds.filter((r) => r[0]!.allowed)).toHaveLength(3);
      expect(rounds.filter((r) => r[1]!.allowed)).toHaveLength(5);
      expect(rounds.filter((r) => r[2]!.allowed)).toHaveLength(4);
      // The minute ends, the hours do not: only the minute starts again at 1.
      clock += 61_000;
      const [minute, hour, email] = await limiter.hitMany!(hits);
      expect(minute).toEqual({ allowed: true, count: 1, retryAfterMs: 60_000 });
      expect(hour).toMatchObject({ allowed: false, count: 7, retryAfterMs: 3_600_000 - 61_000 });
      expect(email).toMatchObject({ allowed: false, count: 7 });
      // A key seen for the first time in a call with known ones starts at 1.
      const [fresh, again] = await limiter.hitMany!([{ key: 'new', limit: 1, windowMs: 1000 }, hits[0]!]);
      expect(fresh).toEqual({ allowed: true, count: 1, retryAfterMs: 1000 });
      expect(again!.count).toBe(2);
    });

    it('counts a post’s rate-limit hits in the transaction that inserts it, and inserts nothing past a limit', async () => {
      const a = await article();
      const hits = [
        { key: 'together:ip:m', limit: 3, windowMs: 60_000 },
        { key: 'together:email:h', limit: 10, windowMs: 3_600_000 },
      ];
      const v0 = await store.contentVersion();
      // Five concurrent posts under a limit of three a minute: three inserted, every post counted.
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => store.comments.createCounted(comment(a.id, { status: 'approved', fingerprint: `tg${i}` }), hits, clock)),
      );
      expect(results.filter((r) => r.comment !== null)).toHaveLength(3);
      expect(results.map((r) => r.counted[0]!.hits).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
      for (const r of results) expect(r.counted[1]).toEqual({ hits: r.counted[0]!.hits, windowEnd: clock + 3_600_000 });
      // The refused posts left no row and did not move the count; the inserted ones did, with the content version.
      const stored = await store.comments.list({ articleId: a.id }, { limit: 10, offset: 0 });
      expect(stored.map((c) => c.id).sort()).toEqual(results.flatMap((r) => (r.comment ? [r.comment.id] : [])).sort());
      expect((await store.articles.findById(a.id))!.commentCount).toBe(3);
      expect(await store.contentVersion()).toBeGreaterThan(v0);
      expect(await store.rateLimits.peek('together:ip:m', clock)).toBe(5);
      // A refusal is counted too, and a new window starts at 1 and lets the post in.
      clock += 61_000;
      const later = await store.comments.createCounted(comment(a.id, { fingerprint: 'tg-later' }), hits, clock);
      expect(later.counted.map((c) => c.hits)).toEqual([1, 6]);
      expect(later.comment).toMatchObject({ status: 'pending', fingerprint: 'tg-later' });
    });

    it('creates each secret once and returns the same value to every caller', async () => {
      const values = await Promise.all(Array.from({ length: 5 }, () => store.secrets.get('comment-token')));
      expect(new Set(values).size).toBe(1);
      expect(values[0]).toMatch(/^[\w-]{43}$/);
      expect(await store.secrets.get('ip-hash')).not.toBe(values[0]);
    });
  });
}
