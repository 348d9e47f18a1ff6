import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor, userActor } from '../../src/domain/access.js';
import type { Article } from '../../src/domain/article.js';
import { isAppError } from '../../src/errors/AppError.js';
import type { ArticleDeps } from '../../src/operations/articles/ArticleDeps.js';
import { createArticle } from '../../src/operations/articles/createArticle.js';
import { publishScheduled } from '../../src/operations/articles/publishScheduled.js';
import { publishJobKey } from '../../src/operations/articles/publishJob.js';
import { transitionArticle } from '../../src/operations/articles/transitionArticle.js';
import { updateArticle } from '../../src/operations/articles/updateArticle.js';
import type { Store } from '../../src/store/ports.js';
import { articleDepsOn } from '../support/articleDeps.js';
import { storeKinds, type TestStore } from '../support/stores.js';

const START = new Date('2026-11-29T10:00:00.000Z');

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}

// "store contract [kind]" in the name: scripts/check-store-suites.js counts these tests per store.
for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`store contract [${kind.name}]: articles workflow`, () => {
    let handle: TestStore;
    let store: Store;
    let clock: Date;
    let deps: ArticleDeps;
    let editorId: number;
    let authorId: number;

    const advance = (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    };

    beforeEach(async () => {
      clock = START;
      handle = await kind.open({ now: () => clock });
      store = handle.store;
      deps = articleDepsOn(store, () => clock);
      editorId = (await store.users.create({ email: 'editor@khabar.example', displayName: 'المحررة', role: 'editor', passwordHash: null })).id;
      authorId = (await store.users.create({ email: 'author@khabar.example', displayName: 'الكاتب', role: 'author', passwordHash: null })).id;
    });
    afterEach(async () => {
      await handle.dispose();
    });

    const draft = (title = 'مسودة عن قمة الرباط', createdBy: number | null = authorId) =>
      store.articles.create({ slug: `s-${Math.random().toString(36).slice(2)}`, title, body: '<p>نص</p>', status: 'draft', readingMinutes: 1, createdBy });

    it('saves with optimistic concurrency: a stale version is a CONFLICT naming the current one, and nothing is written', async () => {
      const a = await draft();
      expect(a.version).toBe(1);
      expect((await store.articles.listRevisions(a.id)).map((r) => r.version)).toEqual([1]);
      const v2 = await store.articles.save({ id: a.id, expectedVersion: 1, changes: { title: 'العنوان الثاني' }, userId: editorId });
      expect(v2.version).toBe(2);
      expect(v2.updatedBy).toBe(editorId);
      let caught: unknown;
      try {
        await store.articles.save({ id: a.id, expectedVersion: 1, changes: { title: 'يضيع؟' }, userId: authorId });
      } catch (error) {
        caught = error;
      }
      expect(isAppError(caught) && caught.code).toBe('CONFLICT');
      expect(isAppError(caught) && caught.details).toMatchObject({ currentVersion: 2, updatedBy: editorId });
      const stored = await store.articles.findById(a.id);
      expect(stored?.title).toBe('العنوان الثاني');
      expect((await store.articles.listRevisions(a.id)).map((r) => r.version)).toEqual([2, 1]);
    });

    it('lets exactly one of two concurrent saves of the same version win', async () => {
      const a = await draft();
      const results = await Promise.allSettled([
        store.articles.save({ id: a.id, expectedVersion: 1, changes: { title: 'الأول' }, userId: editorId }),
        store.articles.save({ id: a.id, expectedVersion: 1, changes: { title: 'الثاني' }, userId: authorId }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(isAppError(lost[0]!.reason) && lost[0]!.reason.code).toBe('CONFLICT');
      const stored = (await store.articles.findById(a.id))!;
      expect(stored.version).toBe(2);
      expect(stored.title).toBe((won[0] as PromiseFulfilledResult<Article>).value.title);
      expect(await store.articles.listRevisions(a.id)).toHaveLength(2);
    });

    it('keeps every field and relation in the revision snapshot, and replaces relations on save', async () => {
      const s1 = await store.sections.create({ slug: 'سياسة', name: 'سياسة' });
      const s2 = await store.sections.create({ slug: 'اقتصاد', name: 'اقتصاد' });
      const t1 = await store.tags.create({ slug: 'الرباط', name: 'الرباط' });
      const au = await store.authors.create({ slug: 'kateb', name: 'الكاتب', userId: authorId });
      const a = await draft();
      const saved = await store.articles.save({
        id: a.id,
        expectedVersion: 1,
        changes: { sectionIds: [s2.id, s1.id], tagIds: [t1.id], authorIds: [au.id], isBreaking: true, seoTitle: 'عنوان البحث' },
        userId: editorId,
      });
      expect(saved.primarySectionId).toBe(s2.id);
      expect(saved.sectionIds).toEqual([s2.id, s1.id]);
      const [latest] = await store.articles.listRevisions(a.id);
      expect(latest!.snapshot).toMatchObject({ sectionIds: [s2.id, s1.id], tagIds: [t1.id], authorIds: [au.id], isBreaking: true, seoTitle: 'عنوان البحث', title: a.title });
      const again = await store.articles.save({ id: a.id, expectedVersion: 2, changes: { sectionIds: [s1.id], tagIds: [] }, userId: editorId });
      expect(again.sectionIds).toEqual([s1.id]);
      expect(again.tagIds).toEqual([]);
      expect(again.authorIds).toEqual([au.id]);
      expect((await store.articles.findRevision(a.id, latest!.id))?.snapshot.sectionIds).toEqual([s2.id, s1.id]);
    });

    it('keeps a canonical URL (migration 013): null by default, set on create, changed and cleared on save and by an import write', async () => {
      expect((await draft()).canonicalUrl).toBeNull();
      const a = await store.articles.create({
        slug: 'منقول',
        title: 'منقول عن شريك',
        body: '<p>نص</p>',
        status: 'draft',
        readingMinutes: 1,
        canonicalUrl: 'https://partner.example/%D9%82%D8%B5%D8%A9',
      });
      expect((await store.articles.findById(a.id))?.canonicalUrl).toBe('https://partner.example/%D9%82%D8%B5%D8%A9');
      const moved = await store.articles.save({ id: a.id, expectedVersion: 1, changes: { canonicalUrl: 'http://other.example/x' }, userId: editorId });
      expect(moved.canonicalUrl).toBe('http://other.example/x');
      const untouched = await store.articles.save({ id: a.id, expectedVersion: 2, changes: { title: 'عنوان آخر' }, userId: editorId });
      expect(untouched.canonicalUrl).toBe('http://other.example/x');
      const cleared = await store.articles.save({ id: a.id, expectedVersion: 3, changes: { canonicalUrl: null }, userId: editorId });
      expect(cleared.canonicalUrl).toBeNull();
      const imported = await store.imports.writeArticle(
        { slug: 'مستورد', title: 'مستورد', body: '<p>نص</p>', status: 'draft', readingMinutes: 1, canonicalUrl: 'https://yoast.example/a' },
        { existingId: null, preferredId: null, skipIndex: false },
      );
      expect((await store.articles.findById(imported))?.canonicalUrl).toBe('https://yoast.example/a');
      await store.imports.writeArticle({ slug: 'مستورد', title: 'مستورد', body: '<p>نص</p>', status: 'draft', readingMinutes: 1 }, { existingId: imported, preferredId: null, skipIndex: false });
      expect((await store.articles.findById(imported))?.canonicalUrl).toBeNull();
    });

    it('folds autosaves of the same user within a minute into the last revision', async () => {
      const a = await draft();
      await store.articles.save({ id: a.id, expectedVersion: 1, changes: { body: '<p>١</p>' }, userId: authorId, mergeRevisionWithinMs: 60_000 });
      advance(20_000);
      await store.articles.save({ id: a.id, expectedVersion: 2, changes: { body: '<p>٢</p>' }, userId: authorId, mergeRevisionWithinMs: 60_000 });
      let revisions = await store.articles.listRevisions(a.id);
      expect(revisions.map((r) => r.version)).toEqual([3]);
      expect(revisions[0]!.snapshot.body).toBe('<p>٢</p>');
      // Another user's autosave, or one after the minute, starts a new revision.
      await store.articles.save({ id: a.id, expectedVersion: 3, changes: { body: '<p>٣</p>' }, userId: editorId, mergeRevisionWithinMs: 60_000 });
      advance(61_000);
      await store.articles.save({ id: a.id, expectedVersion: 4, changes: { body: '<p>٤</p>' }, userId: editorId, mergeRevisionWithinMs: 60_000 });
      revisions = await store.articles.listRevisions(a.id);
      expect(revisions.map((r) => r.version)).toEqual([5, 4, 3]);
    });

    it('moves the content version only for saves readers can see', async () => {
      const a = await draft();
      const before = await store.contentVersion();
      await store.articles.save({ id: a.id, expectedVersion: 1, changes: { title: 'مسودة' }, userId: authorId });
      expect(await store.contentVersion()).toBe(before);
      await store.articles.save({ id: a.id, expectedVersion: 2, changes: { status: 'published', publishedAt: clock }, userId: editorId });
      const published = await store.contentVersion();
      expect(published).toBeGreaterThan(before);
      await store.articles.save({ id: a.id, expectedVersion: 3, changes: { status: 'unpublished' }, userId: editorId });
      expect(await store.contentVersion()).toBeGreaterThan(published);
    });

    it('lists for the newsroom by state, owner, section and title text, newest change first', async () => {
      const section = await store.sections.create({ slug: 'رياضة', name: 'رياضة' });
      const mine = await draft('ملف 50% من الميزانية', authorId);
      advance(1000);
      const theirs = await draft('ملف 50 من الميزانية', editorId);
      advance(1000);
      const trashed = await draft('في سلة المهملات', authorId);
      await store.articles.save({ id: trashed.id, expectedVersion: 1, changes: { status: 'trash', previousStatus: 'draft' }, userId: authorId });
      advance(1000);
      await store.articles.save({ id: mine.id, expectedVersion: 1, changes: { sectionIds: [section.id] }, userId: authorId });
      const all = await store.articles.listForAdmin({}, { limit: 10, offset: 0 });
      expect(all.map((r) => r.id)).toEqual([mine.id, theirs.id]);
      expect(await store.articles.countForAdmin({})).toBe(2);
      expect(await store.articles.countForAdmin({}, 1)).toBe(1);
      expect(await store.articles.countForAdmin({ sectionId: section.id, statuses: ['draft'] }, 5)).toBe(1);
      expect((await store.articles.listForAdmin({ statuses: ['trash'] }, { limit: 10, offset: 0 })).map((r) => r.id)).toEqual([trashed.id]);
      expect((await store.articles.listForAdmin({ ownerUserId: editorId }, { limit: 10, offset: 0 })).map((r) => r.id)).toEqual([theirs.id]);
      expect((await store.articles.listForAdmin({ sectionId: section.id }, { limit: 10, offset: 0 })).map((r) => r.id)).toEqual([mine.id]);
      // "%" is the text, not a wildcard.
      expect((await store.articles.listForAdmin({ text: '50%' }, { limit: 10, offset: 0 })).map((r) => r.id)).toEqual([mine.id]);
      expect((await store.articles.listForAdmin({ text: 'الميزانية' }, { limit: 1, offset: 1 })).map((r) => r.id)).toEqual([theirs.id]);
    });

    it('keeps one pending job per dedupe key and hands each due job to one claimer only', async () => {
      const first = await store.jobs.enqueue({ kind: 'test.x', payload: { n: 1 }, runAt: new Date(clock.getTime() + 60_000), dedupeKey: 'k' });
      const second = await store.jobs.enqueue({ kind: 'test.x', payload: { n: 2 }, runAt: new Date(clock.getTime() + 5_000), dedupeKey: 'k' });
      expect(second.id).toBe(first.id);
      expect(await store.jobs.count({ states: ['pending'] })).toBe(1);
      expect((await store.jobs.findById(first.id))?.payload).toEqual({ n: 2 });
      expect(await store.jobs.claim('w1', 10, 60_000)).toEqual([]);
      for (let i = 0; i < 30; i++) await store.jobs.enqueue({ kind: 'test.y', payload: { i }, runAt: clock });
      const claims = await Promise.all(['a', 'b', 'c'].map((w) => store.jobs.claim(w, 12, 60_000)));
      const ids = claims.flat().map((j) => j.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(30);
      expect(claims.flat().every((j) => j.state === 'running' && j.attempts === 1)).toBe(true);
      advance(5_000);
      const [due] = await store.jobs.claim('w1', 10, 60_000);
      expect(due?.id).toBe(first.id);
    });

    it('claims by kind: a worker for some kinds only, another for all but those (a long import holds no publish up)', async () => {
      const importJob = await store.jobs.enqueue({ kind: 'import.wordpress', payload: { runId: 1 }, runAt: clock });
      const publish = await store.jobs.enqueue({ kind: 'article.publish', payload: { articleId: 1 }, runAt: clock });
      const other = await store.jobs.enqueue({ kind: 'media.avif', payload: { mediaId: 1 }, runAt: clock });
      expect(await store.jobs.claim('nothing', 10, 60_000, { only: [] })).toEqual([]);
      expect((await store.jobs.claim('imports', 10, 60_000, { only: ['import.wordpress'] })).map((j) => j.id)).toEqual([importJob.id]);
      expect(await store.jobs.claim('imports', 10, 60_000, { only: ['import.wordpress'] })).toEqual([]);
      // The import's lock expires: only a worker that takes imports takes it over.
      advance(61_000);
      expect((await store.jobs.claim('main', 10, 60_000, { except: ['import.wordpress'] })).map((j) => j.id).sort((a, b) => a - b)).toEqual([publish.id, other.id]);
      expect((await store.jobs.claim('imports-2', 10, 60_000, { only: ['import.wordpress'] })).map((j) => j.id)).toEqual([importJob.id]);
    });

    it('keeps import runs (migration 014): created queued, progress and heartbeat updated, report or error at the end, newest first', async () => {
      const progress = { phase: 'waiting' as const, done: 0, total: null, counts: {} };
      const run = await store.importRuns.create(
        { sourceKind: 'wordpress', fileName: 'تصدير.xml', uploadPath: '/data/imports/upload-1.xml', sizeBytes: 3_000_000_000, dryRun: true, requestedBy: editorId },
        progress,
      );
      expect(run).toMatchObject({ state: 'queued', fileName: 'تصدير.xml', sizeBytes: 3_000_000_000, dryRun: true, requestedBy: editorId, progress, report: null, error: null, finishedAt: null });
      advance(2_000);
      const counts = { articles: { created: 5, updated: 0, skipped: 1, failed: 0 } };
      expect(await store.importRuns.update(run.id, { state: 'running', progress: { phase: 'import', done: 5, total: 9, counts } })).toBe(true);
      const running = await store.importRuns.findById(run.id);
      expect(running).toMatchObject({ state: 'running', progress: { phase: 'import', done: 5, total: 9, counts } });
      expect(running!.updatedAt.getTime() - run.updatedAt.getTime()).toBe(2_000);
      advance(1_000);
      const second = await store.importRuns.create({ sourceKind: 'wordpress', fileName: 'b.xml', uploadPath: '/x', sizeBytes: 1, dryRun: false, requestedBy: null }, progress);
      await store.importRuns.update(run.id, { state: 'done', report: { counts, urlCount: 3 }, finishedAt: clock });
      await store.importRuns.update(second.id, { state: 'failed', error: { code: 'WXR_MALFORMED', message: 'line 14', details: { line: 14, column: 0 } }, finishedAt: clock });
      expect((await store.importRuns.findById(run.id))).toMatchObject({ state: 'done', report: { counts, urlCount: 3 }, finishedAt: clock });
      expect((await store.importRuns.findById(second.id))?.error).toEqual({ code: 'WXR_MALFORMED', message: 'line 14', details: { line: 14, column: 0 } });
      expect((await store.importRuns.list({ limit: 10, offset: 0 })).map((r) => r.id)).toEqual([second.id, run.id]);
      expect(await store.importRuns.update(999_999, { state: 'done' })).toBe(false);
      expect(await store.importRuns.findById(999_999)).toBeNull();
    });

    it('retries a failed job after its backoff, gives up after max attempts, and takes over a crashed worker\'s job', async () => {
      const job = await store.jobs.enqueue({ kind: 'test.z', payload: null, runAt: clock, maxAttempts: 2, backoffMs: 1000 });
      await store.jobs.claim('w1', 1, 60_000);
      await store.jobs.fail(job.id, 'w1', 'boom');
      let stored = (await store.jobs.findById(job.id))!;
      expect(stored).toMatchObject({ state: 'pending', lastError: 'boom' });
      expect(stored.runAt.getTime()).toBe(clock.getTime() + 1000);
      advance(1000);
      expect((await store.jobs.claim('w2', 1, 60_000)).map((j) => j.id)).toEqual([job.id]);
      await store.jobs.fail(job.id, 'w2', 'boom again');
      stored = (await store.jobs.findById(job.id))!;
      expect(stored.state).toBe('failed');

      const crashed = await store.jobs.enqueue({ kind: 'test.z', payload: null, runAt: clock });
      await store.jobs.claim('dead', 1, 30_000);
      expect(await store.jobs.claim('w3', 1, 30_000)).toEqual([]);
      advance(31_000);
      const [taken] = await store.jobs.claim('w3', 1, 30_000);
      expect(taken).toMatchObject({ id: crashed.id, lockedBy: 'w3', attempts: 2 });
      await store.jobs.complete(crashed.id, 'dead'); // the dead worker's late word counts for nothing
      expect((await store.jobs.findById(crashed.id))?.state).toBe('running');
      await store.jobs.complete(crashed.id, 'w3');
      expect((await store.jobs.findById(crashed.id))?.state).toBe('done');
      // Done jobs are purged after their keep time; failed ones stay for an operator.
      expect(await store.jobs.purgeDone(clock)).toBe(0);
      advance(1);
      expect(await store.jobs.purgeDone(clock)).toBe(1);
      expect(await store.jobs.findById(crashed.id)).toBeNull();
      expect((await store.jobs.findById(job.id))?.state).toBe('failed');
    });

    it('runs the workflow: submit, schedule (a publish job), publish at the time once, unpublish, trash and restore, with audit lines', async () => {
      const editor = userActor(editorId, 'editor');
      const author = userActor(authorId, 'author');
      const a = await createArticle(deps, author, { title: 'قمة الرباط: اتفاق على 3 نقاط.', body: '<p>قال Macron إن الاتفاق تم في 2026.</p>' });
      expect(a).toMatchObject({ status: 'draft', slug: 'قمة-الرباط-اتفاق-على-3-نقاط', createdBy: authorId });
      const pending = await transitionArticle(deps, author, a.id, 'submit');
      expect(pending.status).toBe('pending');
      expect(await codeOf(transitionArticle(deps, editor, a.id, 'submit'))).toBe('INVALID_TRANSITION');
      const at = new Date(clock.getTime() + 3_600_000);
      const scheduled = await transitionArticle(deps, editor, a.id, 'schedule', { publishAt: at.toISOString() });
      expect(scheduled.status).toBe('scheduled');
      const [job] = await store.jobs.list({ dedupeKey: publishJobKey(a.id), states: ['pending'] }, { limit: 5, offset: 0 });
      expect(job?.runAt.toISOString()).toBe(at.toISOString());
      expect(await publishScheduled(deps, a.id)).toBe('not-due');
      clock = at;
      expect(await publishScheduled(deps, a.id)).toBe('published');
      expect(await publishScheduled(deps, a.id)).toBe('not-scheduled');
      const live = (await store.articles.findById(a.id))!;
      expect(live.status).toBe('published');
      expect(live.publishedAt?.toISOString()).toBe(at.toISOString());
      expect(await store.audit.count({ action: 'article.publish', targetId: String(a.id) })).toBe(1);
      const [publishLine] = await store.audit.list({ action: 'article.publish' }, { limit: 1, offset: 0 });
      expect(publishLine).toMatchObject({ actorUserId: null, actorLabel: 'system:scheduler', targetType: 'article' });

      await transitionArticle(deps, editor, a.id, 'unpublish');
      await transitionArticle(deps, editor, a.id, 'trash');
      const trashed = (await store.articles.findById(a.id))!;
      expect(trashed).toMatchObject({ status: 'trash', previousStatus: 'unpublished' });
      const restored = await transitionArticle(deps, editor, a.id, 'restore');
      expect(restored).toMatchObject({ status: 'unpublished', previousStatus: null });
      const actions = (await store.audit.list({ targetId: String(a.id) }, { limit: 10, offset: 0 })).map((e) => e.action);
      expect(actions).toEqual(['article.restore', 'article.trash', 'article.unpublish', 'article.publish', 'article.schedule']);
    });

    it('cancels the publish job when a scheduled article is unpublished, and stores a 301 when a live slug changes', async () => {
      const editor = userActor(editorId, 'editor');
      const a = await createArticle(deps, editor, { title: 'خبر عاجل', body: '<p>نص</p>' });
      await transitionArticle(deps, editor, a.id, 'schedule', { publishAt: new Date(clock.getTime() + 60_000).toISOString() });
      expect(await store.jobs.count({ states: ['pending'] })).toBe(1);
      await transitionArticle(deps, editor, a.id, 'unpublish');
      expect(await store.jobs.count({ states: ['pending'] })).toBe(0);

      const live = await transitionArticle(deps, editor, a.id, 'publish');
      const renamed = await updateArticle(deps, editor, a.id, { version: live.version, slug: 'خبر-عاجل-محدث' });
      expect(renamed.slug).toBe('خبر-عاجل-محدث');
      expect(renamed.modifiedAt?.getTime()).toBe(clock.getTime());
      const month = `${clock.getUTCFullYear()}/${String(clock.getUTCMonth() + 1).padStart(2, '0')}`;
      expect(await store.redirects.find(`/${month}/خبر-عاجل/`)).toEqual({ fromPath: `/${month}/خبر-عاجل/`, toPath: `/${month}/خبر-عاجل-محدث/`, statusCode: 301 });
      expect(await codeOf(updateArticle(deps, systemActor('t'), a.id, { version: live.version, title: 'قديم' }))).toBe('CONFLICT');
    });
  });
}
