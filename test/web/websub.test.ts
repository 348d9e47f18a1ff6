import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePath } from '../../src/domain/permalink.js';
import { parseWebSubPing, pingWebSubHub, WEBSUB_JOB, type WebSubPing } from '../../src/operations/distribution/webSub.js';
import { callAs, signIn } from '../support/adminSessions.js';
import { openTestSite, TEST_NOW } from '../support/khabar.js';
import { memoryRateLimiter } from '../support/memoryRateLimiter.js';

const HUB = 'https://hub.example/websub';
const ATOM_RNG = path.resolve('../shared/data/schemas/atom/atom-rfc4287.rng');
const canValidateAtom = existsSync('/usr/bin/xmllint') && existsSync(ATOM_RNG);

/** xmllint's verdict on an Atom document against the RFC 4287 RELAX NG schema. */
function atomErrors(body: string): string | null {
  const dir = mkdtempSync(path.join(tmpdir(), 'khabar-atom-'));
  try {
    writeFileSync(path.join(dir, 'feed.xml'), body);
    execFileSync('/usr/bin/xmllint', ['--noout', '--nonet', '--relaxng', ATOM_RNG, path.join(dir, 'feed.xml')], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const BASE = 'https://khabar.example';

async function pingsOf(site: Awaited<ReturnType<typeof openTestSite>>): Promise<WebSubPing[]> {
  const jobs = await site.khabar.store.jobs.list({ kind: WEBSUB_JOB }, { limit: 50, offset: 0 });
  return jobs.map((job) => parseWebSubPing(job.payload));
}

describe('WebSub', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function siteWithHub(hubs: string[]) {
    const now = () => TEST_NOW;
    const site = await openTestSite({ overrides: { websub: { hubs } }, now, rateLimiter: memoryRateLimiter(now) });
    cleanups.push(() => site.dispose());
    return site;
  }

  it('names the configured hub in every article feed format, and none in comment feeds', async () => {
    const site = await siteWithHub([HUB]);
    const rss = await site.khabar.app.inject({ method: 'GET', url: '/feed/' });
    expect(rss.statusCode).toBe(200);
    expect(rss.body).toContain(`<atom:link href="${HUB}" rel="hub"/>`);
    const atom = await site.khabar.app.inject({ method: 'GET', url: '/feed/atom/' });
    expect(atom.body).toContain(`<link rel="hub" href="${HUB}"/>`);
    if (canValidateAtom) expect(atomErrors(atom.body)).toBeNull();
    const json = (await site.khabar.app.inject({ method: 'GET', url: '/feed/json/' })).json();
    expect(json.hubs).toEqual([{ type: 'WebSub', url: HUB }]);
    const comments = await site.khabar.app.inject({ method: 'GET', url: '/comments/feed/' });
    expect(comments.body).not.toContain('rel="hub"');
  });

  it('names no hub when none is configured', async () => {
    const site = await siteWithHub([]);
    expect((await site.khabar.app.inject({ method: 'GET', url: '/feed/' })).body).not.toContain('rel="hub"');
    expect((await site.khabar.app.inject({ method: 'GET', url: '/feed/json/' })).json().hubs).toBeUndefined();
  });

  it('queues one ping per hub when a live article changes, naming every feed it is in (section ancestors included)', async () => {
    const site = await siteWithHub([HUB, 'https://second.example/hub']);
    const { store } = site.khabar;
    const parent = await store.sections.create({ slug: 'مال-وأعمال', name: 'مال وأعمال' });
    const child = await store.sections.create({ slug: 'أسواق', name: 'أسواق', parentId: parent.id });
    const tag = await store.tags.create({ slug: 'الدرهم', name: 'الدرهم' });
    const { editor } = await signIn(site.khabar, { editor: 'editor' });
    const created = await callAs(site.khabar, editor, 'POST', '/admin/api/articles', {
      title: 'سعر الدرهم',
      body: '<p>نص</p>',
      sectionIds: [child.id],
      tagIds: [tag.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const article = created.json().article;
    // A draft is nobody's news: no ping.
    expect(await pingsOf(site)).toEqual([]);

    expect((await callAs(site.khabar, editor, 'POST', `/admin/api/articles/${article.id}/publish`)).statusCode).toBe(200);
    const pings = await pingsOf(site);
    expect(pings.map((p) => p.hub).sort()).toEqual(['https://second.example/hub', HUB].sort());
    const topics = pings[0]!.topics;
    const feed = (page: string) => [`${BASE}${encodePath(page)}feed/`, `${BASE}${encodePath(page)}feed/atom/`, `${BASE}${encodePath(page)}feed/json/`];
    expect(topics).toEqual(expect.arrayContaining([...feed('/'), ...feed('/category/مال-وأعمال/'), ...feed('/category/مال-وأعمال/أسواق/'), ...feed('/tag/الدرهم/')]));
    // The editor's own author page (when the account has one) is a feed too; nothing else is named.
    const authorFeeds = topics.filter((t) => t.startsWith(`${BASE}/author/`));
    expect(topics.length).toBe(12 + authorFeeds.length);
    // Percent-encoded as the feeds name themselves.
    expect(topics.every((t) => /^[\x21-\x7e]+$/.test(t))).toBe(true);
  });

  it('queues nothing when no hub is configured', async () => {
    const site = await siteWithHub([]);
    const { editor } = await signIn(site.khabar, { editor: 'editor' });
    const article = (await callAs(site.khabar, editor, 'POST', '/admin/api/articles', { title: 'خبر', body: '<p>نص</p>' })).json().article;
    expect((await callAs(site.khabar, editor, 'POST', `/admin/api/articles/${article.id}/publish`)).statusCode).toBe(200);
    expect(await pingsOf(site)).toEqual([]);
  });
});

/** Node's fetch in the shape of the outbound guard (the guard itself is tested in test/net). */
const plainFetch = (url: string, request: { method: 'POST'; headers: Record<string, string>; body: string }) => fetch(url, request);

describe('pinging a hub', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  });

  async function hub(statuses: number[]): Promise<{ url: string; bodies: string[] }> {
    const bodies: string[] = [];
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        bodies.push(`${request.method} ${request.headers['content-type']} ${body}`);
        response.statusCode = statuses.shift() ?? 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hub`, bodies };
  }

  it("sends WebSub's publish form and takes any 2xx as done", async () => {
    const local = await hub([202]);
    const topics = [`${BASE}/feed/`, `${BASE}${encodePath('/category/رياضة/')}feed/`];
    await pingWebSubHub(plainFetch, { hub: local.url, topics });
    expect(local.bodies).toHaveLength(1);
    const [method, type, body] = local.bodies[0]!.split(' ');
    expect([method, type]).toEqual(['POST', 'application/x-www-form-urlencoded']);
    const form = new URLSearchParams(body);
    expect(form.get('hub.mode')).toBe('publish');
    expect(form.getAll('hub.url')).toEqual(topics);
  });

  it('throws on an error answer so the queue retries it', async () => {
    const local = await hub([503]);
    await expect(pingWebSubHub(plainFetch, { hub: local.url, topics: [`${BASE}/feed/`] })).rejects.toThrow(/answered 503/);
  });

  it('refuses a payload that is not a ping', () => {
    expect(() => parseWebSubPing({ hub: 1 })).toThrow(/payload/);
    expect(() => parseWebSubPing(null)).toThrow(/payload/);
  });
});

describe('WebSub pings through the job queue and the outbound guard', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function localHub(statuses: number[]) {
    const bodies: string[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        bodies.push(body);
        response.statusCode = statuses.shift() ?? 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`, bodies };
  }

  async function publishOne(allowPrivate: boolean, hub: string, clock: { now: Date }) {
    const now = () => clock.now;
    const site = await openTestSite({ overrides: { websub: { hubs: [hub] }, outbound: { allowPrivate } }, now, rateLimiter: memoryRateLimiter(now), demo: false });
    cleanups.push(() => site.dispose());
    const { editor } = await signIn(site.khabar, { editor: 'editor' });
    const article = (await callAs(site.khabar, editor, 'POST', '/admin/api/articles', { title: 'خبر عاجل', body: '<p>نص</p>' })).json().article;
    expect((await callAs(site.khabar, editor, 'POST', `/admin/api/articles/${article.id}/publish`)).statusCode).toBe(200);
    return site;
  }

  it('pings the hub after a publish, and retries a hub that failed until it answers', async () => {
    const hub = await localHub([503]);
    const clock = { now: TEST_NOW };
    const site = await publishOne(true, hub.url, clock);
    await site.khabar.settle();
    expect(hub.bodies).toHaveLength(1);
    let [job] = await site.khabar.store.jobs.list({ kind: WEBSUB_JOB }, { limit: 1, offset: 0 });
    expect(job).toMatchObject({ state: 'pending', attempts: 1 });
    expect(job!.lastError).toContain('503');
    // After the back-off the queue tries again; the hub now accepts.
    clock.now = new Date(TEST_NOW.getTime() + 31_000);
    await site.khabar.settle();
    expect(hub.bodies).toHaveLength(2);
    [job] = await site.khabar.store.jobs.list({ kind: WEBSUB_JOB }, { limit: 1, offset: 0 });
    expect(job).toMatchObject({ state: 'done', attempts: 2 });
    const form = new URLSearchParams(hub.bodies[1]);
    expect(form.get('hub.mode')).toBe('publish');
    expect(form.getAll('hub.url')).toContain(`${BASE}/feed/`);
  });

  it('refuses a hub on a private address unless the config allows it', async () => {
    const hub = await localHub([]);
    const site = await publishOne(false, hub.url, { now: TEST_NOW });
    await site.khabar.settle();
    expect(hub.bodies).toHaveLength(0);
    const [job] = await site.khabar.store.jobs.list({ kind: WEBSUB_JOB }, { limit: 1, offset: 0 });
    expect(job!.lastError).toMatch(/OUTBOUND_REFUSED|not a public address|refused/i);
  });
});
