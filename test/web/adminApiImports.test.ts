import { once } from 'node:events';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRunView } from '../../src/operations/importing/readImportRuns.js';
import { signIn, ORIGIN, type AdminSession } from '../support/adminSessions.js';
import { multipart } from '../support/images.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { storeKinds } from '../support/stores.js';
import { waitFor } from '../support/waitFor.js';
import { haveArabicCorpus, readArabicCorpus } from '../support/wxr/arabicCorpus.js';
import { generateArabicWxr } from '../support/wxr/generateArabicWxr.js';

const data = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'wxr');
const phpunit = path.join(data, 'wordpress-importer', 'phpunit', 'data');
const SMALL = path.join(phpunit, 'small-export.xml');
const MALFORMED = path.join(phpunit, 'malformed-simple.xml');
const haveData = existsSync(SMALL) && existsSync(MALFORMED);
if (!haveData) console.warn(`[khabar tests] ${phpunit} is absent: the admin import API test is skipped`);
/** index.jsonl: the independent count of each file of the data set. */
const expected = (file: string) =>
  readFileSync(path.join(data, 'index.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { path: string; items: number; post_types: Record<string, number>; authors: number; wellformed: true | string })
    .find((e) => path.join(data, e.path) === file)!;

const MAX_UPLOAD = 6 * 1024 * 1024;

for (const kind of storeKinds) {
  describe.skipIf(!haveData || !kind.available)(`admin imports API (issue #7) [${kind.name}]`, () => {
    let site: TestSite;
    let sessions: Record<'admin' | 'editor', AdminSession>;
    let disposeStore: () => Promise<void> = async () => {};

    beforeAll(async () => {
      const opened = kind.name === 'sqlite' ? null : await kind.open({ now: () => TEST_NOW });
      if (opened) disposeStore = opened.dispose;
      site = await openTestSite({ demo: false, adminApp: null, overrides: { imports: { maxUploadBytes: MAX_UPLOAD } }, ...(opened ? { store: opened.store } : {}) });
      sessions = await signIn(site.khabar, { admin: 'admin', editor: 'editor' });
    }, 60_000);
    afterAll(async () => {
      await site?.dispose();
      await disposeStore();
    });

    const importsDir = () => path.join(site.dataDir, 'imports');
    const leftovers = () => (existsSync(importsDir()) ? readdirSync(importsDir()).filter((f) => f.startsWith('upload-')) : []);

    function upload(session: AdminSession | null, file: { name: string; data: Buffer }, fields: Record<string, string> = {}) {
      const body = multipart([...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: 'file', filename: file.name, contentType: 'application/xml', data: file.data }]);
      return site.khabar.app.inject({
        method: 'POST',
        url: '/admin/api/imports/wordpress',
        headers: { ...body.headers, origin: ORIGIN, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) },
        payload: body.payload,
      });
    }
    const get = (session: AdminSession, url: string) => site.khabar.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    const runOf = async (id: number) => (await get(sessions.admin, `/admin/api/imports/${id}`)).json().run as ImportRunView;
    const finished = (id: number): Promise<ImportRunView> =>
      waitFor(async () => {
        const run = await runOf(id);
        return run.state === 'done' || run.state === 'failed' ? run : null;
      }, 120_000, `import ${id} to finish`) as Promise<ImportRunView>;

    it('uploads a real export (202, queued, nothing parsed in the request), runs it as a job and reports counts per kind; the full report downloads as JSON', async () => {
      const res = await upload(sessions.admin, { name: 'small-export.xml', data: readFileSync(SMALL) });
      expect(res.statusCode, res.body).toBe(202);
      const queued = res.json().run as ImportRunView & { uploadPath?: string };
      expect(queued).toMatchObject({ state: 'queued', fileName: 'small-export.xml', dryRun: false, sizeBytes: readFileSync(SMALL).length });
      expect(queued.uploadPath).toBeUndefined();
      const run = await finished(queued.id);
      expect(run.state, JSON.stringify(run.error)).toBe('done');
      const want = expected(SMALL);
      const report = run.report as { counts: Record<string, { created: number; failed: number }>; read: { items: number }; urlCount: number; urls: unknown[] };
      expect(report.read.items).toBe(want.items);
      expect(report.counts.articles!.created).toBe(want.post_types.post);
      expect(report.counts.pages!.created).toBe(want.post_types.page);
      expect(run.progress).toMatchObject({ phase: 'finished', done: want.items, total: want.items });
      expect(run.progress.counts.articles!.created).toBe(want.post_types.post);
      expect(await site.khabar.store.articles.countForAdmin({})).toBe(want.post_types.post);
      // The upload is gone once imported; the report with every old URL stays, as a download.
      expect(leftovers()).toEqual([]);
      const download = await get(sessions.admin, `/admin/api/imports/${run.id}/report.json`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="khabar-import-\d+-urls\.json"$/);
      const full = download.json() as { urls: Array<{ from: string; to: string | null; status: number }>; urlCount: number };
      expect(full.urls.length).toBe(report.urlCount);
      expect(full.urls.length).toBeGreaterThan(want.post_types.post!);
      for (const u of full.urls) expect(u.from).toMatch(/^https?:\/\//);
      const list = (await get(sessions.admin, '/admin/api/imports')).json().runs as ImportRunView[];
      expect(list[0]!.id).toBe(run.id);
    });

    it('a dry run reports the same counts and writes nothing', async () => {
      const before = await site.khabar.store.articles.countForAdmin({});
      const res = await upload(sessions.admin, { name: 'utf8.xml', data: readFileSync(path.join(phpunit, 'wxr-utf-8-challenges.xml')) }, { dryRun: 'true' });
      expect(res.statusCode, res.body).toBe(202);
      const run = await finished(res.json().run.id as number);
      expect(run).toMatchObject({ state: 'done', dryRun: true });
      expect((run.report as { counts: { articles: { created: number } } }).counts.articles.created).toBe(1);
      expect(await site.khabar.store.articles.countForAdmin({})).toBe(before);
    });

    it('a malformed file ends the run failed with WXR_MALFORMED and its line and column; nothing is written', async () => {
      const before = await site.khabar.store.articles.countForAdmin({});
      const res = await upload(sessions.admin, { name: 'broken.xml', data: readFileSync(MALFORMED) });
      expect(res.statusCode).toBe(202);
      const run = await finished(res.json().run.id as number);
      expect(run.state).toBe('failed');
      expect(run.error?.code).toBe('WXR_MALFORMED');
      expect(run.error?.details).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
      expect(run.report).toBeNull();
      expect((await get(sessions.admin, `/admin/api/imports/${run.id}/report.json`)).statusCode).toBe(404);
      expect(await site.khabar.store.articles.countForAdmin({})).toBe(before);
      expect(leftovers()).toEqual([]);
    });

    it('refuses an editor (403) and no session (401) before storing anything; only admins read runs', async () => {
      const file = { name: 'small-export.xml', data: readFileSync(SMALL) };
      const editor = await upload(sessions.editor, file);
      expect(editor.statusCode).toBe(403);
      expect(editor.json().error.code).toBe('FORBIDDEN');
      expect((await upload(null, file)).statusCode).toBe(401);
      expect(leftovers()).toEqual([]);
      expect((await get(sessions.editor, '/admin/api/imports')).statusCode).toBe(403);
      const [latest] = (await get(sessions.admin, '/admin/api/imports')).json().runs as ImportRunView[];
      expect((await get(sessions.editor, `/admin/api/imports/${latest!.id}`)).statusCode).toBe(403);
      expect((await get(sessions.editor, `/admin/api/imports/${latest!.id}/report.json`)).statusCode).toBe(403);
    });

    it('POST /imports/:id/cancel: a queued run ends cancelled at once; an ended one answers 409 IMPORT_FINISHED; editors 403, unknown 404', async () => {
      const cancel = (session: AdminSession, id: number) =>
        site.khabar.app.inject({ method: 'POST', url: `/admin/api/imports/${id}/cancel`, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, origin: ORIGIN } });
      // A run whose job has not started (none is queued for it here).
      const queued = await site.khabar.store.importRuns.create(
        { sourceKind: 'wordpress', fileName: 'later.xml', uploadPath: path.join(importsDir(), 'upload-never.xml'), sizeBytes: 1, dryRun: false, requestedBy: null },
        { phase: 'waiting', done: 0, total: null, counts: {} },
      );
      expect((await cancel(sessions.editor, queued.id)).statusCode).toBe(403);
      const res = await cancel(sessions.admin, queued.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().run).toMatchObject({ id: queued.id, state: 'cancelled', reportReady: false, cancelRequestedAt: expect.any(String) });
      const again = await cancel(sessions.admin, queued.id);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('IMPORT_FINISHED');
      expect((await cancel(sessions.admin, 999_999)).statusCode).toBe(404);
    });

    it('answers 413 IMPORT_TOO_LARGE above imports.maxUploadBytes, keeping no partial file and no run', async () => {
      const runs = ((await get(sessions.admin, '/admin/api/imports')).json().runs as unknown[]).length;
      const res = await upload(sessions.admin, { name: 'huge.xml', data: Buffer.alloc(MAX_UPLOAD + 1024, 0x20) });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('IMPORT_TOO_LARGE');
      expect(leftovers()).toEqual([]);
      expect(((await get(sessions.admin, '/admin/api/imports')).json().runs as unknown[]).length).toBe(runs);
    });

    it.skipIf(!haveArabicCorpus)('shows progress while it runs: phase, items done of the total, counts per kind growing', { timeout: 240_000 }, async () => {
      const file = path.join(site.dataDir, 'arabic.xml');
      const out = createWriteStream(file);
      await generateArabicWxr({ out, posts: 600, seed: 7, corpus: await readArabicCorpus(600), tags: 100, commentRate: 0, imageRate: 0 });
      if (!out.writableFinished) await once(out, 'finish');
      const res = await upload(sessions.admin, { name: 'arabic.xml', data: readFileSync(file) });
      expect(res.statusCode).toBe(202);
      const id = res.json().run.id as number;
      const seen: Array<ImportRunView['progress'] & { state: string }> = [];
      const run = (await waitFor(async () => {
        const r = await runOf(id);
        seen.push({ ...r.progress, state: r.state });
        return r.state === 'done' || r.state === 'failed' ? r : null;
      }, 200_000, 'the Arabic import to finish')) as ImportRunView;
      expect(run.state, JSON.stringify(run.error)).toBe('done');
      const midway = seen.filter((p) => p.state === 'running' && p.phase === 'import' && p.total !== null && p.done > 0 && p.done < p.total);
      expect(midway.length, JSON.stringify(seen.slice(0, 5))).toBeGreaterThan(0);
      expect(midway[0]!.counts.articles!.created).toBeGreaterThan(0);
      expect(midway[0]!.counts.articles!.created).toBeLessThan(run.progress.counts.articles!.created);
    });
  });
}
