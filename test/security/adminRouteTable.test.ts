import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleStatus } from '../../src/domain/article.js';
import type { Store } from '../../src/store/ports.js';
import { callAs, ORIGIN, signIn, type AdminSession } from '../support/adminSessions.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { memoryRateLimiter } from '../support/memoryRateLimiter.js';
import { registeredRoutes } from './routeWalk.js';

/**
 * Issue #10: CSRF and IDOR over every mutation of the admin API, from one table. The routes are
 * read from Fastify's route tree, so a new mutation without a row here fails the test. For each:
 * no session → 401; a session without the CSRF token, or with another site's Origin → 403; each
 * role → the status the capability table (src/domain/access.ts) gives it, on a resource of its
 * own; and below editor, on a resource of another user → 403 or 404, never 2xx.
 */

type Who = 'admin' | 'editor' | 'author' | 'contributor';
const WHO: Who[] = ['admin', 'editor', 'author', 'contributor'];
const byRole = (admin: number, editor: number, author: number, contributor: number): Record<Who, number> => ({ admin, editor, author, contributor });
const all = (status: number) => byRole(status, status, status, status);

interface Ctx {
  store: Store;
  /** The user whose resource a call acts on ('other' is an editor nobody else is). */
  userId(who: Who | 'other'): number;
  article(owner: Who | 'other', status: ArticleStatus): Promise<{ id: number; version: number }>;
  comment(owner: Who | 'other', status?: 'pending' | 'approved' | 'trash'): Promise<number>;
  media(owner: Who | 'other'): Promise<number>;
  section(): Promise<number>;
  tag(): Promise<number>;
  /** Credentials of a user made for this one call (logging in rotates, logging out ends a session). */
  spareUser(): Promise<{ email: string; password: string }>;
}

interface Call {
  url: string;
  body?: object;
}

interface Row {
  /** The call as `who`, on `owner`'s resource (`owner` is `who` itself, or 'other' for the IDOR probe). */
  call(ctx: Ctx, owner: Who | 'other'): Promise<Call>;
  /** Status per role on its own resource. */
  own: Record<Who, number>;
  /** The roles probed on another user's resource (those whose capability depends on ownership). */
  foreign?: Who[];
  /** Routes made before a session exists: CSRF is the Origin check only, no 401 without a session. */
  originOnly?: boolean;
  /** Logging in or out, or changing the password, ends the caller's session: use a fresh one. */
  freshSession?: boolean;
}

const future = new Date(TEST_NOW.getTime() + 3_600_000).toISOString();
const articleCall = (status: ArticleStatus, action: string, body?: object) => async (ctx: Ctx, owner: Who | 'other') => {
  const a = await ctx.article(owner, status);
  return { url: `/admin/api/articles/${a.id}${action}`, ...(body ? { body } : {}) };
};
const commentCall = (action: string, body?: object, status?: 'pending' | 'approved' | 'trash') => async (ctx: Ctx, owner: Who | 'other') => ({
  url: `/admin/api/comments/${await ctx.comment(owner, status)}${action}`,
  ...(body ? { body } : {}),
});

/** One row per mutation of the admin API: `METHOD path` as Fastify registered it. */
const TABLE: Record<string, Row> = {
  'POST /admin/api/session': { originOnly: true, freshSession: true, own: all(200), call: async (ctx) => ({ url: '/admin/api/session', body: await ctx.spareUser() }) },
  'DELETE /admin/api/session': { freshSession: true, own: all(204), call: async () => ({ url: '/admin/api/session' }) },
  'POST /admin/api/session/password': {
    freshSession: true,
    own: all(200),
    call: async () => ({ url: '/admin/api/session/password', body: { currentPassword: 'كلمة-سر-طويلة-للتحرير', newPassword: 'كلمة-سر-جديدة-أطول-من-قبل' } }),
  },
  'POST /admin/api/users': { own: byRole(201, 403, 403, 403), call: async () => ({ url: '/admin/api/users', body: { email: `new${Math.random()}@khabar.example`, name: 'جديد', role: 'author' } }) },
  'PATCH /admin/api/users/:id': { own: byRole(200, 403, 403, 403), call: async (ctx) => ({ url: `/admin/api/users/${ctx.userId('other')}`, body: { role: 'editor' } }) },
  // A token nobody was given: 410 INVITATION_INVALID whoever asks (an origin-only route; a session changes nothing).
  'POST /admin/api/invitations/:token': { originOnly: true, own: all(410), call: async () => ({ url: '/admin/api/invitations/no-such-token', body: { password: 'كلمة-سر-طويلة-جدا-للحساب' } }) },

  'POST /admin/api/articles': { own: all(201), call: async () => ({ url: '/admin/api/articles', body: { title: 'مقال جديد' } }) },
  'PATCH /admin/api/articles/:id': {
    own: all(200),
    foreign: ['author', 'contributor'],
    call: async (ctx, owner) => {
      const a = await ctx.article(owner, 'draft');
      return { url: `/admin/api/articles/${a.id}`, body: { version: a.version, title: 'تعديل' } };
    },
  },
  'POST /admin/api/articles/:id/submit': { own: all(200), foreign: ['author', 'contributor'], call: articleCall('draft', '/submit') },
  'POST /admin/api/articles/:id/schedule': { own: byRole(200, 200, 200, 403), foreign: ['author'], call: articleCall('draft', '/schedule', { publishAt: future }) },
  'POST /admin/api/articles/:id/publish': { own: byRole(200, 200, 200, 403), foreign: ['author'], call: articleCall('draft', '/publish') },
  'POST /admin/api/articles/:id/unpublish': { own: byRole(200, 200, 200, 403), foreign: ['author'], call: articleCall('published', '/unpublish') },
  'POST /admin/api/articles/:id/trash': { own: all(200), foreign: ['author', 'contributor'], call: articleCall('draft', '/trash') },
  'POST /admin/api/articles/:id/restore': { own: all(200), foreign: ['author', 'contributor'], call: articleCall('trash', '/restore') },
  'POST /admin/api/articles/:id/preview': { own: all(200), foreign: ['author', 'contributor'], call: articleCall('draft', '/preview') },
  'DELETE /admin/api/articles/:id/presence': { own: all(204), foreign: ['author', 'contributor'], call: articleCall('draft', '/presence') },
  'POST /admin/api/articles/:id/revisions/:revisionId/restore': {
    own: all(200),
    foreign: ['author', 'contributor'],
    call: async (ctx, owner) => {
      const a = await ctx.article(owner, 'draft');
      const [revision] = await ctx.store.articles.listRevisions(a.id);
      return { url: `/admin/api/articles/${a.id}/revisions/${revision!.id}/restore`, body: { version: a.version } };
    },
  },

  'POST /admin/api/comments/bulk': {
    own: byRole(200, 200, 200, 403),
    foreign: ['author'],
    call: async (ctx, owner) => ({ url: '/admin/api/comments/bulk', body: { ids: [await ctx.comment(owner)], action: 'approve' } }),
  },
  'POST /admin/api/comments/:id/approve': { own: byRole(200, 200, 200, 403), foreign: ['author'], call: commentCall('/approve') },
  'POST /admin/api/comments/:id/unapprove': { own: byRole(200, 200, 200, 403), foreign: ['author'], call: commentCall('/unapprove') },
  'POST /admin/api/comments/:id/spam': { own: byRole(200, 200, 200, 403), foreign: ['author'], call: commentCall('/spam') },
  'POST /admin/api/comments/:id/trash': { own: byRole(200, 200, 200, 403), foreign: ['author'], call: commentCall('/trash') },
  'POST /admin/api/comments/:id/restore': { own: byRole(200, 200, 200, 403), foreign: ['author'], call: commentCall('/restore') },
  'PATCH /admin/api/comments/:id': { own: byRole(200, 200, 200, 403), foreign: ['author'], call: commentCall('', { text: 'نص معدل' }) },
  // Deleting for good is for comments in the trash or spam.
  'DELETE /admin/api/comments/:id': { own: byRole(200, 200, 200, 403), foreign: ['author'], call: commentCall('', undefined, 'trash') },
  'POST /admin/api/comments/:id/replies': { own: byRole(201, 201, 201, 403), foreign: ['author'], call: commentCall('/replies', { text: 'رد المحرر' }, 'approved') },

  'POST /admin/api/authors': { own: byRole(201, 201, 403, 403), call: async () => ({ url: '/admin/api/authors', body: { name: `ضيف ${Math.random()}` } }) },
  'POST /admin/api/sections': { own: byRole(201, 201, 403, 403), call: async () => ({ url: '/admin/api/sections', body: { name: `قسم ${Math.random()}` } }) },
  'PATCH /admin/api/sections/:id': { own: byRole(200, 200, 403, 403), call: async (ctx) => ({ url: `/admin/api/sections/${await ctx.section()}`, body: { name: `قسم ${Math.random()}` } }) },
  'DELETE /admin/api/sections/:id': { own: byRole(200, 200, 403, 403), call: async (ctx) => ({ url: `/admin/api/sections/${await ctx.section()}` }) },
  'POST /admin/api/tags': { own: byRole(201, 201, 403, 403), call: async () => ({ url: '/admin/api/tags', body: { name: `وسم ${Math.random()}` } }) },
  'PATCH /admin/api/tags/:id': { own: byRole(200, 200, 403, 403), call: async (ctx) => ({ url: `/admin/api/tags/${await ctx.tag()}`, body: { name: `وسم ${Math.random()}` } }) },
  'DELETE /admin/api/tags/:id': { own: byRole(200, 200, 403, 403), call: async (ctx) => ({ url: `/admin/api/tags/${await ctx.tag()}` }) },
  'PATCH /admin/api/settings': { own: byRole(200, 403, 403, 403), call: async () => ({ url: '/admin/api/settings', body: { tagline: 'أخبار المغرب' } }) },

  // Uploads are multipart: an empty JSON body reaches the capability check, and a role that may
  // upload gets INVALID_INPUT (400) for it — the upload itself is test/web/adminApiMedia.test.ts's.
  'POST /admin/api/media': { own: byRole(400, 400, 400, 403), call: async () => ({ url: '/admin/api/media', body: {} }) },
  'PATCH /admin/api/media/:id': { own: byRole(200, 200, 200, 403), foreign: ['author'], call: async (ctx, owner) => ({ url: `/admin/api/media/${await ctx.media(owner)}`, body: { alt: 'وصف' } }) },
  'DELETE /admin/api/media/:id': { own: byRole(200, 200, 403, 403), call: async (ctx, owner) => ({ url: `/admin/api/media/${await ctx.media(owner)}` }) },

  // Imports are admins only. A JSON body is not an upload: the admin gets BAD_REQUEST (400) after
  // the capability check; the upload itself is test/web/adminApiImports.test.ts's.
  'POST /admin/api/imports/wordpress': { own: byRole(400, 403, 403, 403), call: async () => ({ url: '/admin/api/imports/wordpress', body: {} }) },
  // No such run: the admin gets NOT_FOUND after the capability check.
  'POST /admin/api/imports/:id/cancel': { own: byRole(404, 403, 403, 403), call: async () => ({ url: '/admin/api/imports/999999/cancel' }) },
};

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('CSRF and IDOR over every admin API mutation', () => {
  let site: TestSite;
  let store: Store;
  let sessions: Record<Who | 'other', AdminSession>;
  const profiles = new Map<number, number>();
  let n = 0;
  let checked = 0;

  beforeAll(async () => {
    // Fresh sessions are many logins from one address: the login limits are lifted for this test.
    site = await openTestSite({
      demo: false,
      rateLimiter: memoryRateLimiter(() => TEST_NOW),
      overrides: { accounts: { login: { maxAttemptsPerIp: 100000, maxFailuresPerEmail: 1000 } } },
    });
    store = site.khabar.store;
    sessions = await signIn(site.khabar, { admin: 'admin', editor: 'editor', author: 'author', contributor: 'contributor', other: 'editor' });
    for (const s of Object.values(sessions)) profiles.set(s.userId, (await store.authors.create({ slug: `kateb-${s.userId}`, name: `كاتب ${s.userId}`, userId: s.userId })).id);
  }, 60_000);
  afterAll(async () => {
    await site?.dispose();
    console.info(`[admin route table] ${checked} calls checked`);
  });

  const ctx: Ctx = {
    get store() {
      return store;
    },
    userId: (who) => sessions[who].userId,
    async article(owner, status) {
      n += 1;
      const userId = sessions[owner].userId;
      const a = await store.articles.create({
        slug: `مقال-${n}`,
        title: `مقال ${n}`,
        body: '<p>نص</p>',
        status,
        readingMinutes: 1,
        publishedAt: status === 'published' ? new Date(TEST_NOW.getTime() - 3_600_000) : null,
        createdBy: userId,
        authorIds: [profiles.get(userId)!],
      });
      if (status !== 'trash') return { id: a.id, version: a.version };
      const trashed = await store.articles.save({ id: a.id, expectedVersion: a.version, changes: { previousStatus: 'draft' }, userId: null });
      return { id: trashed.id, version: trashed.version };
    },
    async comment(owner, status = 'pending') {
      const article = await ctx.article(owner, 'published');
      n += 1;
      const c = await store.comments.create({
        articleId: article.id,
        parentId: null,
        depth: 1,
        authorName: `قارئ ${n}`,
        authorEmail: `reader${n}@readers.example`,
        authorUrl: null,
        body: `<p>تعليق ${n}</p>`,
        status,
        ipHash: 'c'.repeat(32),
        userAgent: 'test',
        fingerprint: `fp-${n}`,
      });
      return c.id;
    },
    async media(owner) {
      n += 1;
      return (await store.media.create({ key: `2026/11/k${n}/image.webp`, mimeType: 'image/webp', width: 10, height: 10, sizeBytes: 100, uploadedBy: sessions[owner].userId })).id;
    },
    async section() {
      n += 1;
      return (await store.sections.create({ slug: `قسم-${n}`, name: `قسم ${n}` })).id;
    },
    async tag() {
      n += 1;
      return (await store.tags.create({ slug: `وسم-${n}`, name: `وسم ${n}` })).id;
    },
    async spareUser() {
      n += 1;
      const who = `spare${n}`;
      await signIn(site.khabar, { [who]: 'contributor' } as Record<string, 'contributor'>);
      return { email: `${who}@khabar.example`, password: 'كلمة-سر-طويلة-للتحرير' };
    },
  };

  async function freshSession(role: Who): Promise<AdminSession> {
    n += 1;
    const who = `fresh${n}`;
    return (await signIn(site.khabar, { [who]: role } as Record<string, Who>))[who]!;
  }

  function send(method: string, call: Call, headers: Record<string, string>): Promise<LightMyRequestResponse> {
    return site.khabar.app.inject({ method: method as 'POST', url: call.url, headers, ...(call.body ? { payload: call.body } : {}) });
  }

  it('has a row for every mutation Fastify registered, and no row for a route that is gone', () => {
    const registered = registeredRoutes(site.khabar.app)
      .filter((r) => r.path.startsWith('/admin/api/'))
      .flatMap((r) => r.methods.filter((m) => MUTATIONS.has(m)).map((m) => `${m} ${r.path}`));
    expect(registered.length).toBeGreaterThan(30);
    expect(registered.filter((key) => !TABLE[key]), 'mutations without a row in TABLE').toEqual([]);
    expect(Object.keys(TABLE).filter((key) => !registered.includes(key)), 'rows for routes that no longer exist').toEqual([]);
  });

  for (const [key, row] of Object.entries(TABLE)) {
    const [method, path] = key.split(' ') as [string, string];
    it(`${key}: CSRF refused, ${WHO.map((w) => `${w} ${row.own[w]}`).join(', ')}${row.foreign ? `; ${row.foreign.join(', ')} on another user's: 403/404` : ''}`, async () => {
      const problems: string[] = [];
      const expectStatus = (what: string, res: LightMyRequestResponse, expected: number | number[]) => {
        checked += 1;
        const ok = Array.isArray(expected) ? expected.includes(res.statusCode) : res.statusCode === expected;
        if (!ok) problems.push(`${what}: ${res.statusCode} (expected ${String(expected)}) ${res.body.slice(0, 200)}`);
      };
      void path;
      const editor = row.freshSession ? await freshSession('editor') : sessions.editor;
      // Without a session: 401 (an origin-only route answers as for anyone: not 401 by session).
      if (!row.originOnly) expectStatus('no session', await send(method, await row.call(ctx, 'editor'), { origin: ORIGIN }), 401);
      // Another site's Origin, or a Referer of another site without Origin: 403, session or not.
      for (const session of [editor, null]) {
        const cookie: Record<string, string> = session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {};
        expectStatus(`foreign Origin${session ? ' with a session' : ''}`, await send(method, await row.call(ctx, 'editor'), { origin: 'https://evil.example', ...cookie }), 403);
        expectStatus(`foreign Referer${session ? ' with a session' : ''}`, await send(method, await row.call(ctx, 'editor'), { referer: 'https://evil.example/x', ...cookie }), 403);
        expectStatus(`no Origin or Referer${session ? ' with a session' : ''}`, await send(method, await row.call(ctx, 'editor'), cookie), 403);
      }
      if (!row.originOnly) {
        expectStatus('session without the CSRF token', await send(method, await row.call(ctx, 'editor'), { origin: ORIGIN, cookie: editor.cookie }), 403);
        expectStatus('session with a wrong CSRF token', await send(method, await row.call(ctx, 'editor'), { origin: ORIGIN, cookie: editor.cookie, 'x-csrf-token': 'x'.repeat(43) }), 403);
      }
      // Each role on its own resource.
      for (const who of WHO) {
        const session = row.freshSession ? await freshSession(who) : sessions[who];
        const call = await row.call(ctx, who);
        const res = await callAs(site.khabar, session, method as 'POST', call.url, call.body);
        expectStatus(who, res, row.own[who]);
      }
      // Below editor, on another user's resource: refused, never 2xx.
      for (const who of row.foreign ?? []) {
        const call = await row.call(ctx, 'other');
        expectStatus(`${who} on another user's`, await callAs(site.khabar, sessions[who], method as 'POST', call.url, call.body), [403, 404]);
      }
      expect(problems).toEqual([]);
    });
  }
});
