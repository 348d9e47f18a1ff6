import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemActor, userActor } from '../../src/domain/access.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { buildKhabar, type Khabar } from '../../src/main.js';
import { createArticle } from '../../src/operations/articles/createArticle.js';
import { transitionArticle } from '../../src/operations/articles/transitionArticle.js';
import { createPostgresStore } from '../../src/store/postgres/createPostgresStore.js';
import { articleDepsOn } from '../support/articleDeps.js';
import { callAs, signIn } from '../support/adminSessions.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { memoryRateLimiter } from '../support/memoryRateLimiter.js';
import { pgAvailable, testPgUrl } from '../support/stores.js';
import { waitFor } from '../support/waitFor.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');

describe('scheduled publishing', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('publishes a scheduled article within 5 s of its time on the injected clock, and not before', async () => {
    let clock = TEST_NOW;
    const now = () => clock;
    const site: TestSite = await openTestSite({ now, demo: false, rateLimiter: memoryRateLimiter(now) });
    cleanups.push(() => site.dispose());
    const { editor } = await signIn(site.khabar, { editor: 'editor' });
    const created = (await callAs(site.khabar, editor, 'POST', '/admin/api/articles', { title: 'موعد القمة', body: '<p>نص</p>' })).json().article;
    const at = new Date(clock.getTime() + 10_000);
    const scheduled = await callAs(site.khabar, editor, 'POST', `/admin/api/articles/${created.id}/schedule`, { publishAt: at.toISOString() });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const url = encodePath(permalink.build({ id: created.id, slug: created.slug, publishedAt: at, categoryPath: '', authorSlug: '' }));

    // Before its time a worker round publishes nothing.
    clock = new Date(at.getTime() - 1);
    expect(await site.khabar.jobs.runDue()).toBe(0);
    expect((await site.khabar.store.articles.findById(created.id))?.status).toBe('scheduled');
    expect((await site.khabar.app.inject({ method: 'GET', url })).statusCode).toBe(404);

    clock = at;
    const started = Date.now();
    await waitFor(async () => (await site.khabar.store.articles.findById(created.id))?.status === 'published', 5_000, 'the publish');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await site.khabar.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    const [job] = await site.khabar.store.jobs.list({ kind: 'article.publish' }, { limit: 5, offset: 0 });
    expect(job).toMatchObject({ state: 'done', attempts: 1, lockedBy: site.khabar.jobs.id });
  });

  it('lets a preview link expire with the clock', async () => {
    let clock = TEST_NOW;
    const now = () => clock;
    const site: TestSite = await openTestSite({ now, demo: false, rateLimiter: memoryRateLimiter(now) });
    cleanups.push(() => site.dispose());
    const { author } = await signIn(site.khabar, { author: 'author' });
    const created = (await callAs(site.khabar, author, 'POST', '/admin/api/articles', { title: 'معاينة', body: '<p>نص</p>' })).json().article;
    const link = (await callAs(site.khabar, author, 'POST', `/admin/api/articles/${created.id}/preview`, { minutes: 1 })).json();
    expect(link.expiresAt).toBe(new Date(TEST_NOW.getTime() + 60_000).toISOString());
    expect((await site.khabar.app.inject({ method: 'GET', url: link.path })).statusCode).toBe(200);
    clock = new Date(TEST_NOW.getTime() + 60_000);
    expect((await site.khabar.app.inject({ method: 'GET', url: link.path })).statusCode).toBe(404);
  });

  it('publishes at start-up an article whose time passed while the server was down', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'khabar-restart-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = loadConfig({ env: {}, overrides: { env: 'test', dataDir, baseUrl: 'https://khabar.example', logLevel: 'silent' } });
    const build = (at: Date) => buildKhabar({ config, now: () => at, logger: pino({ level: 'silent' }), demo: false, rateLimiter: memoryRateLimiter(() => at) });

    const first: Khabar = await build(TEST_NOW);
    const deps = articleDepsOn(first.store, () => TEST_NOW);
    const article = await createArticle(deps, systemActor('test'), { title: 'خبر مجدول', body: '<p>نص</p>' });
    const at = new Date(TEST_NOW.getTime() + 3_600_000);
    await transitionArticle(deps, systemActor('test'), article.id, 'schedule', { publishAt: at.toISOString() });
    await first.close();

    const second = await build(new Date(at.getTime() + 2 * 3_600_000));
    cleanups.push(() => second.close());
    await waitFor(async () => (await second.store.articles.findById(article.id))?.status === 'published', 5_000, 'the publish at start-up');
    const published = (await second.store.articles.findById(article.id))!;
    expect(published.publishedAt?.toISOString()).toBe(at.toISOString());
    expect(await second.store.audit.count({ action: 'article.publish', targetId: String(article.id) })).toBe(1);
  });

  it.skipIf(!pgAvailable)('wakes a PostgreSQL worker at once when another node queues a due job (LISTEN/NOTIFY), without waiting for its poll', async () => {
    const schema = `khabar_notify_${Date.now().toString(36)}`;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'khabar-notify-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const nodeStore = await createPostgresStore({ connectionString: testPgUrl, schema, poolSize: 3 });
    cleanups.push(() => nodeStore.close());
    await nodeStore.migrate();
    const config = loadConfig({ env: {}, overrides: { env: 'test', dataDir, baseUrl: 'https://khabar.example', logLevel: 'silent' } });
    // A poll of a minute: only the notification can make it run within the test's few seconds.
    const node = await buildKhabar({ config, store: nodeStore, logger: pino({ level: 'silent' }), demo: false, jobPollMs: 60_000 });
    cleanups.push(() => node.close());
    await waitFor(async () => (await node.jobs.runDue()) === 0, 5_000, 'the start-up round');

    const other = await createPostgresStore({ connectionString: testPgUrl, schema, poolSize: 2 });
    cleanups.push(() => other.close());
    const article = await other.articles.create({ slug: 'عاجل', title: 'عاجل', body: '<p>نص</p>', status: 'scheduled', publishedAt: new Date(Date.now() - 1000), readingMinutes: 1 });
    const started = Date.now();
    await other.jobs.enqueue({ kind: 'article.publish', payload: { articleId: article.id }, runAt: new Date(Date.now() - 1000), dedupeKey: `article.publish:${article.id}` });
    await waitFor(async () => (await other.articles.findById(article.id))?.status === 'published', 5_000, 'the notified publish');
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);

  it.skipIf(!pgAvailable)('publishes 100 scheduled articles exactly once with three app processes on PostgreSQL', async () => {
    const schema = `khabar_nodes_${Date.now().toString(36)}`;
    const store = await createPostgresStore({ connectionString: testPgUrl, schema, poolSize: 4 });
    cleanups.push(() => store.close());
    await store.migrate();
    const editorId = (await store.users.create({ email: 'e@khabar.example', displayName: 'المحررة', role: 'editor', passwordHash: null })).id;
    const deps = articleDepsOn(store, () => new Date());
    const editor = userActor(editorId, 'editor');
    // Due in a few seconds: the three nodes are up by then and race for the same jobs.
    const at = new Date(Date.now() + 6_000);
    const ids: number[] = [];
    for (let i = 0; i < 100; i++) {
      const article = await createArticle(deps, editor, { title: `خبر رقم ${i + 1}`, body: '<p>نص</p>' });
      await transitionArticle(deps, editor, article.id, 'schedule', { publishAt: at.toISOString() });
      ids.push(article.id);
    }
    const script = path.resolve('test/support/jobNode.ts');
    const nodes: ChildProcess[] = [];
    const workerIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const child = spawn(process.execPath, ['--import', 'tsx', script, testPgUrl, schema], { stdio: ['ignore', 'pipe', 'inherit'] });
      nodes.push(child);
      child.stdout!.on('data', (chunk: Buffer) => {
        const match = /ready (\S+)/.exec(chunk.toString());
        if (match) workerIds.push(match[1]!);
      });
    }
    const stopNodes = async () => {
      await Promise.all(
        nodes.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    };
    cleanups.push(stopNodes);
    await waitFor(() => workerIds.length === 3, 20_000, 'three nodes to start');
    await waitFor(async () => (await store.jobs.count({ kind: 'article.publish', states: ['done'] })) === 100, 30_000, '100 publish jobs done');
    await stopNodes();

    const publishLines = await store.audit.list({ action: 'article.publish' }, { limit: 500, offset: 0 });
    expect(publishLines).toHaveLength(100);
    expect(new Set(publishLines.map((l) => l.targetId))).toEqual(new Set(ids.map(String)));
    const jobs = await store.jobs.list({ kind: 'article.publish' }, { limit: 500, offset: 0 });
    expect(jobs).toHaveLength(100);
    expect(jobs.every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
    expect(new Set(jobs.map((j) => j.lockedBy)).size).toBeGreaterThanOrEqual(1);
    expect(jobs.every((j) => workerIds.includes(j.lockedBy!))).toBe(true);
    for (const id of ids) expect((await store.articles.findById(id))?.status).toBe('published');
    const perWorker = Object.fromEntries(workerIds.map((w) => [w, jobs.filter((j) => j.lockedBy === w).length]));
    console.log(`[scheduler] 100 publishes over 3 nodes: ${JSON.stringify(Object.values(perWorker))}`);
  }, 90_000);
});
