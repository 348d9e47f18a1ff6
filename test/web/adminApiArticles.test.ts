import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleStatus } from '../../src/domain/article.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import type { Store } from '../../src/store/ports.js';
import { callAs, signIn, type AdminSession } from '../support/adminSessions.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { memoryRateLimiter } from '../support/memoryRateLimiter.js';
import { storeKinds, type TestStore } from '../support/stores.js';

type Who = 'admin' | 'editor' | 'author' | 'contributor';
const ROLES: Record<Who, Who> = { admin: 'admin', editor: 'editor', author: 'author', contributor: 'contributor' };
const WHO = Object.keys(ROLES) as Who[];

/** Whose article a case acts on: the author's, the contributor's, or the editor's (nobody else's). */
type Owner = 'author' | 'contributor' | 'editor';

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The article the case needs (a fresh one per role), if any. */
  article?: { owner: Owner; status: ArticleStatus };
  url: (id: number) => string;
  body?: (version: number) => object;
  expect: Record<Who, number>;
}

const all = (status: number): Record<Who, number> => ({ admin: status, editor: status, author: status, contributor: status });
const byRole = (admin: number, editor: number, author: number, contributor: number): Record<Who, number> => ({ admin, editor, author, contributor });
const future = new Date(TEST_NOW.getTime() + 3_600_000).toISOString();

const cases: Case[] = [
  { name: 'dashboard', method: 'GET', url: () => '/admin/api/dashboard', expect: all(200) },
  { name: 'list articles', method: 'GET', url: () => '/admin/api/articles', expect: all(200) },
  { name: 'create an article', method: 'POST', url: () => '/admin/api/articles', body: () => ({ title: 'مقال جديد' }), expect: all(201) },
  { name: "get another user's draft", method: 'GET', article: { owner: 'editor', status: 'draft' }, url: (id) => `/admin/api/articles/${id}`, expect: byRole(200, 200, 403, 403) },
  { name: "get the contributor's draft", method: 'GET', article: { owner: 'contributor', status: 'draft' }, url: (id) => `/admin/api/articles/${id}`, expect: byRole(200, 200, 403, 200) },
  { name: "edit the contributor's draft", method: 'PATCH', article: { owner: 'contributor', status: 'draft' }, url: (id) => `/admin/api/articles/${id}`, body: (v) => ({ version: v, title: 'تعديل' }), expect: byRole(200, 200, 403, 200) },
  { name: "edit the author's published article", method: 'PATCH', article: { owner: 'author', status: 'published' }, url: (id) => `/admin/api/articles/${id}`, body: (v) => ({ version: v, lede: 'مقدمة' }), expect: byRole(200, 200, 200, 403) },
  { name: "edit the contributor's published article", method: 'PATCH', article: { owner: 'contributor', status: 'published' }, url: (id) => `/admin/api/articles/${id}`, body: (v) => ({ version: v, lede: 'مقدمة' }), expect: byRole(200, 200, 403, 403) },
  { name: "edit another user's draft", method: 'PATCH', article: { owner: 'editor', status: 'draft' }, url: (id) => `/admin/api/articles/${id}`, body: (v) => ({ version: v, title: 'x' }), expect: byRole(200, 200, 403, 403) },
  { name: "submit the contributor's draft", method: 'POST', article: { owner: 'contributor', status: 'draft' }, url: (id) => `/admin/api/articles/${id}/submit`, expect: byRole(200, 200, 403, 200) },
  { name: "publish the contributor's draft", method: 'POST', article: { owner: 'contributor', status: 'pending' }, url: (id) => `/admin/api/articles/${id}/publish`, expect: byRole(200, 200, 403, 403) },
  { name: "publish the author's draft", method: 'POST', article: { owner: 'author', status: 'draft' }, url: (id) => `/admin/api/articles/${id}/publish`, expect: byRole(200, 200, 200, 403) },
  { name: "schedule the author's draft", method: 'POST', article: { owner: 'author', status: 'draft' }, url: (id) => `/admin/api/articles/${id}/schedule`, body: () => ({ publishAt: future }), expect: byRole(200, 200, 200, 403) },
  { name: "schedule another user's draft", method: 'POST', article: { owner: 'editor', status: 'draft' }, url: (id) => `/admin/api/articles/${id}/schedule`, body: () => ({ publishAt: future }), expect: byRole(200, 200, 403, 403) },
  { name: "unpublish the author's article", method: 'POST', article: { owner: 'author', status: 'published' }, url: (id) => `/admin/api/articles/${id}/unpublish`, expect: byRole(200, 200, 200, 403) },
  { name: "unpublish another user's article", method: 'POST', article: { owner: 'editor', status: 'published' }, url: (id) => `/admin/api/articles/${id}/unpublish`, expect: byRole(200, 200, 403, 403) },
  { name: "trash the contributor's draft", method: 'POST', article: { owner: 'contributor', status: 'draft' }, url: (id) => `/admin/api/articles/${id}/trash`, expect: byRole(200, 200, 403, 200) },
  { name: "trash the contributor's published article", method: 'POST', article: { owner: 'contributor', status: 'published' }, url: (id) => `/admin/api/articles/${id}/trash`, expect: byRole(200, 200, 403, 403) },
  { name: "trash another user's draft", method: 'POST', article: { owner: 'editor', status: 'draft' }, url: (id) => `/admin/api/articles/${id}/trash`, expect: byRole(200, 200, 403, 403) },
  { name: "restore the contributor's trashed draft", method: 'POST', article: { owner: 'contributor', status: 'trash' }, url: (id) => `/admin/api/articles/${id}/restore`, expect: byRole(200, 200, 403, 200) },
  { name: "list revisions of another user's draft", method: 'GET', article: { owner: 'editor', status: 'draft' }, url: (id) => `/admin/api/articles/${id}/revisions`, expect: byRole(200, 200, 403, 403) },
  { name: "diff revisions of the author's draft", method: 'GET', article: { owner: 'author', status: 'draft' }, url: (id) => `/admin/api/articles/${id}/diff?from=0&to=0`, expect: byRole(404, 404, 404, 403) },
  { name: "preview link of another user's draft", method: 'POST', article: { owner: 'editor', status: 'draft' }, url: (id) => `/admin/api/articles/${id}/preview`, expect: byRole(200, 200, 403, 403) },
  { name: "preview link of the author's draft", method: 'POST', article: { owner: 'author', status: 'draft' }, url: (id) => `/admin/api/articles/${id}/preview`, expect: byRole(200, 200, 200, 403) },
  { name: 'list sections', method: 'GET', url: () => '/admin/api/sections', expect: all(200) },
  { name: 'create a section', method: 'POST', url: () => '/admin/api/sections', body: () => ({ name: `قسم ${Math.random()}` }), expect: byRole(201, 201, 403, 403) },
  { name: 'rename a section', method: 'PATCH', url: () => '/admin/api/sections/1', body: () => ({ name: 'قسم معدل' }), expect: byRole(200, 200, 403, 403) },
  { name: 'list tags', method: 'GET', url: () => '/admin/api/tags', expect: all(200) },
  { name: 'list authors', method: 'GET', url: () => '/admin/api/authors', expect: all(200) },
  { name: 'create a guest byline', method: 'POST', url: () => '/admin/api/authors', body: () => ({ name: `ضيف ${Math.random()}` }), expect: byRole(201, 201, 403, 403) },
  { name: 'create a tag', method: 'POST', url: () => '/admin/api/tags', body: () => ({ name: `وسم ${Math.random()}` }), expect: byRole(201, 201, 403, 403) },
  { name: 'rename a tag', method: 'PATCH', url: () => '/admin/api/tags/1', body: () => ({ name: 'وسم معدل' }), expect: byRole(200, 200, 403, 403) },
  { name: "read the site's name, language and time zone", method: 'GET', url: () => '/admin/api/site', expect: all(200) },
  { name: 'read settings', method: 'GET', url: () => '/admin/api/settings', expect: byRole(200, 403, 403, 403) },
  { name: 'change settings', method: 'PATCH', url: () => '/admin/api/settings', body: () => ({ tagline: 'أخبار المغرب' }), expect: byRole(200, 403, 403, 403) },
  { name: 'read the audit log', method: 'GET', url: () => '/admin/api/audit', expect: byRole(200, 403, 403, 403) },
];

for (const kind of storeKinds) describe.skipIf(!kind.available)(`admin API: articles, taxonomy, settings [${kind.name}]`, () => {
  let handle: TestStore;
  let site: TestSite;
  let store: Store;
  let sessions: Record<Who, AdminSession>;
  let authorProfile: number;
  let n = 0;

  beforeAll(async () => {
    const now = () => TEST_NOW;
    handle = await kind.open({ now });
    store = handle.store;
    site = await openTestSite({ store, now, demo: false, rateLimiter: memoryRateLimiter(now) });
    sessions = await signIn(site.khabar, ROLES);
    authorProfile = (await store.authors.create({ slug: 'kateb', name: 'الكاتب', userId: sessions.author.userId })).id;
    await store.sections.create({ slug: 'سياسة', name: 'سياسة' });
    await store.tags.create({ slug: 'الرباط', name: 'الرباط' });
  }, 60_000);
  afterAll(async () => {
    await site?.dispose();
    await handle?.dispose();
  });

  /** A fresh article of `owner` in `status` (the author's is bylined to the author's profile, not created by them). */
  async function fresh(owner: Owner, status: ArticleStatus) {
    n += 1;
    const live = status === 'published';
    return store.articles.create({
      slug: `مقال-${n}`,
      title: `مقال ${n}`,
      body: '<p>نص</p>',
      status,
      readingMinutes: 1,
      publishedAt: live ? new Date(TEST_NOW.getTime() - 3_600_000) : null,
      createdBy: owner === 'author' ? null : sessions[owner].userId,
      authorIds: owner === 'author' ? [authorProfile] : [],
    });
  }

  for (const c of cases) {
    it(`${c.name}: ${WHO.map((w) => `${w} ${c.expect[w]}`).join(', ')}; 401 without a session`, async () => {
      for (const who of [...WHO, null]) {
        const article = c.article ? await fresh(c.article.owner, c.article.status) : null;
        if (article && c.article?.status === 'trash') await store.articles.save({ id: article.id, expectedVersion: 1, changes: { previousStatus: 'draft' }, userId: null });
        const current = article ? (await store.articles.findById(article.id))! : null;
        const res = await callAs(site.khabar, who ? sessions[who] : null, c.method, c.url(article?.id ?? 0), c.body?.(current?.version ?? 1));
        const expected = who ? c.expect[who] : 401;
        expect(res.statusCode, `${who ?? 'anonymous'}: ${res.body}`).toBe(expected);
        if (expected === 403) expect(res.json().error.code).toBe('FORBIDDEN');
        if (expected === 401) expect(res.json().error.code).toBe('UNAUTHENTICATED');
        // A refused call changed nothing.
        if (article && (expected === 403 || expected === 401)) expect((await store.articles.findById(article.id))?.version).toBe(current!.version);
      }
    });
  }

  it('answers concurrent saves of one version with one 200 and one 409 naming the current version and its saver', async () => {
    const article = await fresh('editor', 'draft');
    const [a, b] = await Promise.all([
      callAs(site.khabar, sessions.editor, 'PATCH', `/admin/api/articles/${article.id}`, { version: 1, title: 'نسخة المحررة' }),
      callAs(site.khabar, sessions.admin, 'PATCH', `/admin/api/articles/${article.id}`, { version: 1, title: 'نسخة المدير' }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const [won, lost] = a.statusCode === 200 ? [a, b] : [b, a];
    const winner = won === a ? sessions.editor : sessions.admin;
    expect(lost.json().error).toMatchObject({ code: 'CONFLICT', details: { currentVersion: 2, updatedBy: winner.userId, article: { version: 2, title: won.json().article.title } } });
    expect(won.json().article.version).toBe(2);
    // The loser still has its text; saving again on the current version succeeds.
    const retry = await callAs(site.khabar, sessions.admin, 'PATCH', `/admin/api/articles/${article.id}`, { version: 2, title: 'بعد الدمج' });
    expect(retry.statusCode).toBe(200);
    expect((await store.articles.listRevisions(article.id)).map((r) => r.title)).toEqual(['بعد الدمج', won.json().article.title, article.title]);
  });

  it('writes an article end to end: sanitized body, reading time, Unicode slug, revisions, diff and restore', async () => {
    const created = await callAs(site.khabar, sessions.author, 'POST', '/admin/api/articles', {
      title: 'قال Macron في الرباط 2026.',
      body: '<p>قال Macron إن القمة نجحت في 2026.</p><script>alert(1)</script>',
      tagIds: [1],
    });
    expect(created.statusCode, created.body).toBe(201);
    const article = created.json().article;
    expect(article).toMatchObject({ slug: 'قال-macron-في-الرباط-2026', status: 'draft', authorIds: [authorProfile], version: 1 });
    expect(article.body).not.toContain('script');
    const edited = await callAs(site.khabar, sessions.author, 'PATCH', `/admin/api/articles/${article.id}`, {
      version: 1,
      title: 'قال Macron في طنجة 2026.',
      body: '<p>قال Macron إن القمة نجحت.</p><p>فقرة ثانية.</p>',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const revisions = (await callAs(site.khabar, sessions.author, 'GET', `/admin/api/articles/${article.id}/revisions`)).json().revisions;
    expect(revisions.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    const diff = await callAs(site.khabar, sessions.author, 'GET', `/admin/api/articles/${article.id}/diff?from=${revisions[1].id}&to=${revisions[0].id}`);
    expect(diff.statusCode).toBe(200);
    // Titles are compared word by word, Arabic words whole (not letter by letter).
    expect(diff.json().title).toEqual([
      { op: 'same', text: 'قال Macron في ' },
      { op: 'remove', text: 'الرباط' },
      { op: 'add', text: 'طنجة' },
      { op: 'same', text: ' 2026.' },
    ]);
    expect(diff.json().body).toEqual([
      { op: 'remove', text: 'قال Macron إن القمة نجحت في 2026.\n' },
      { op: 'add', text: 'قال Macron إن القمة نجحت.\nفقرة ثانية.\n' },
    ]);
    const restored = await callAs(site.khabar, sessions.author, 'POST', `/admin/api/articles/${article.id}/revisions/${revisions[1].id}/restore`, { version: 2 });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().article).toMatchObject({ version: 3, body: article.body, title: article.title });
    const got = (await callAs(site.khabar, sessions.author, 'GET', `/admin/api/articles/${article.id}`)).json();
    expect(got.actions).toEqual(['submit', 'schedule', 'publish', 'trash']);
    expect(got.canEdit).toBe(true);
  });

  it('tells an editor who else has the article open', async () => {
    const article = await fresh('editor', 'draft');
    await callAs(site.khabar, sessions.admin, 'GET', `/admin/api/articles/${article.id}?heartbeat=1`);
    const seen = (await callAs(site.khabar, sessions.editor, 'GET', `/admin/api/articles/${article.id}?heartbeat=1`)).json();
    expect(seen.editing).toEqual([expect.objectContaining({ userId: sessions.admin.userId, displayName: 'admin الاسم' })]);
    expect((await callAs(site.khabar, sessions.admin, 'DELETE', `/admin/api/articles/${article.id}/presence`)).statusCode).toBe(204);
    expect((await callAs(site.khabar, sessions.editor, 'GET', `/admin/api/articles/${article.id}`)).json().editing).toEqual([]);
  });

  it('refuses workflow actions the state does not allow with 409 INVALID_TRANSITION', async () => {
    const article = await fresh('editor', 'published');
    const autosave = await callAs(site.khabar, sessions.editor, 'PATCH', `/admin/api/articles/${article.id}`, { version: 1, autosave: true, title: 'نصف تعديل' });
    expect(autosave.statusCode).toBe(409);
    expect((await store.articles.findById(article.id))?.title).toBe(article.title);
    const res = await callAs(site.khabar, sessions.editor, 'POST', `/admin/api/articles/${article.id}/submit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'published' } });
  });

  it('shows an unpublished article through a signed preview link, never indexed nor cached; a forged link is a 404', async () => {
    const article = await fresh('editor', 'draft');
    const link = (await callAs(site.khabar, sessions.editor, 'POST', `/admin/api/articles/${article.id}/preview`, { minutes: 5 })).json();
    expect(link.url).toMatch(/^https:\/\/khabar\.example\/preview\//);
    const page = await site.khabar.app.inject({ method: 'GET', url: link.path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('<meta name="robots" content="noindex, nofollow"');
    expect(page.body).toContain(article.title);
    const forged = await site.khabar.app.inject({ method: 'GET', url: link.path.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')) });
    expect(forged.statusCode).toBe(404);
    const other = await site.khabar.app.inject({ method: 'GET', url: link.path.replace(`/preview/${article.id}.`, `/preview/${article.id + 1}.`) });
    expect(other.statusCode).toBe(404);
  });

  it('writes publish, unpublish, trash, role and settings changes to the audit log, for admins only', async () => {
    const article = await fresh('editor', 'draft');
    await callAs(site.khabar, sessions.editor, 'POST', `/admin/api/articles/${article.id}/publish`);
    await callAs(site.khabar, sessions.editor, 'POST', `/admin/api/articles/${article.id}/unpublish`);
    await callAs(site.khabar, sessions.editor, 'POST', `/admin/api/articles/${article.id}/trash`);
    const role = await callAs(site.khabar, sessions.admin, 'PATCH', `/admin/api/users/${sessions.contributor.userId}`, { role: 'contributor' });
    expect(role.statusCode).toBeLessThan(500);
    await callAs(site.khabar, sessions.admin, 'PATCH', '/admin/api/settings', { name: 'خبر اليوم' });
    const log = (await callAs(site.khabar, sessions.admin, 'GET', `/admin/api/audit?targetId=${article.id}&targetType=article`)).json();
    expect(log.items.map((e: { action: string; actorUserId: number }) => [e.action, e.actorUserId])).toEqual([
      ['article.trash', sessions.editor.userId],
      ['article.unpublish', sessions.editor.userId],
      ['article.publish', sessions.editor.userId],
    ]);
    // Names for the screen: the actor's display name and the article's title, by id.
    expect(log.labels).toEqual({ users: { [String(sessions.editor.userId)]: 'editor الاسم' }, articles: { [String(article.id)]: article.title } });
    const invited = (await callAs(site.khabar, sessions.admin, 'POST', '/admin/api/users', { email: 'audit-target@khabar.example', name: 'هدف السجل', role: 'author' })).json().user;
    expect((await callAs(site.khabar, sessions.admin, 'PATCH', `/admin/api/users/${invited.id}`, { role: 'editor' })).statusCode).toBe(200);
    const roleLog = (await callAs(site.khabar, sessions.admin, 'GET', `/admin/api/audit?action=user.role&targetId=${invited.id}`)).json();
    expect(roleLog.items).toHaveLength(1);
    expect(roleLog.labels.users).toEqual({ [String(sessions.admin.userId)]: 'admin الاسم', [String(invited.id)]: 'هدف السجل' });
    const settings = (await callAs(site.khabar, sessions.admin, 'GET', '/admin/api/audit?action=settings.update')).json();
    expect(settings.items[0]).toMatchObject({ actorUserId: sessions.admin.userId, details: { changed: ['name'] } });
    expect((await callAs(site.khabar, sessions.admin, 'GET', '/admin/api/settings')).json().effective.name).toBe('خبر اليوم');
  });

  it("fills the dashboard with the user's drafts, the review queue, the schedule and recent publications", async () => {
    const mine = (await callAs(site.khabar, sessions.contributor, 'POST', '/admin/api/articles', { title: 'مسودة المساهم' })).json().article;
    const waiting = (await callAs(site.khabar, sessions.contributor, 'POST', '/admin/api/articles', { title: 'للمراجعة' })).json().article;
    await callAs(site.khabar, sessions.contributor, 'POST', `/admin/api/articles/${waiting.id}/submit`);
    const editorBoard = (await callAs(site.khabar, sessions.editor, 'GET', '/admin/api/dashboard')).json();
    expect(editorBoard.pendingReview.map((a: { id: number }) => a.id)).toContain(waiting.id);
    expect(editorBoard.myDrafts.map((a: { id: number }) => a.id)).not.toContain(mine.id);
    const board = (await callAs(site.khabar, sessions.contributor, 'GET', '/admin/api/dashboard')).json();
    expect(board.myDrafts[0].id).toBe(mine.id);
    expect(board.pendingReview[0].id).toBe(waiting.id);
    // Only the contributor's own articles wait in their queue.
    for (const row of board.pendingReview) expect(row.createdBy).toBe(sessions.contributor.userId);
    expect(board.recentComments).toEqual([]);
    const list = (await callAs(site.khabar, sessions.contributor, 'GET', '/admin/api/articles?status=draft,pending&perPage=100')).json();
    expect(list.items.map((a: { id: number }) => a.id)).toEqual(expect.arrayContaining([mine.id, waiting.id]));
    expect(list.items.every((a: { createdBy: number }) => a.createdBy === sessions.contributor.userId)).toBe(true);
    expect(list).toMatchObject({ total: list.items.length, totalCapped: false, hasMore: false });
    const authored = (await callAs(site.khabar, sessions.author, 'GET', '/admin/api/articles?perPage=100')).json().items;
    expect(authored.length).toBeGreaterThan(0);
    for (const row of authored) expect(row.authors).toEqual([{ authorId: authorProfile, name: 'الكاتب' }]);
  });

  it('credits a guest byline: created once per name, ordered with staff on the article, shown without an author page', async () => {
    const created = await callAs(site.khabar, sessions.editor, 'POST', '/admin/api/authors', { name: '\u200Fمراسلنا في طنجة\u200B ' });
    expect(created.statusCode, created.body).toBe(201);
    const guest = created.json().author;
    expect(guest).toMatchObject({ name: 'مراسلنا في طنجة', slug: 'مراسلنا-في-طنجة', isGuest: true, userId: null });
    // The same name again is the same byline.
    expect((await callAs(site.khabar, sessions.editor, 'POST', '/admin/api/authors', { name: 'مراسلنا في طنجة' })).json().author.id).toBe(guest.id);
    expect((await callAs(site.khabar, sessions.editor, 'POST', '/admin/api/authors', { name: '  ' })).statusCode).toBe(400);
    const listed = (await callAs(site.khabar, sessions.contributor, 'GET', '/admin/api/authors')).json().authors;
    expect(listed).toContainEqual(expect.objectContaining({ id: guest.id, isGuest: true }));

    const article = (await callAs(site.khabar, sessions.editor, 'POST', '/admin/api/articles', { title: 'ميناء طنجة المتوسط', body: '<p>نص</p>', authorIds: [guest.id, authorProfile] })).json().article;
    expect(article.authorIds).toEqual([guest.id, authorProfile]);
    expect((await callAs(site.khabar, sessions.editor, 'POST', `/admin/api/articles/${article.id}/publish`, { version: article.version })).statusCode).toBe(200);
    const live = (await store.articles.findById(article.id))!;
    const url = encodePath(createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca').build({ id: live.id, slug: live.slug, publishedAt: live.publishedAt!, categoryPath: '', authorSlug: '' }));
    const page = await site.khabar.app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('مراسلنا في طنجة');
    expect(html).not.toContain(`/author/${encodeURIComponent('مراسلنا-في-طنجة')}`);
    expect((await site.khabar.app.inject({ method: 'GET', url: `/author/${encodeURIComponent('مراسلنا-في-طنجة')}/` })).statusCode).toBe(404);
  });

  it('gives the editor just the tags an article names (ids=…), past the first pages of a site with many tags', async () => {
    const made = [];
    for (let i = 0; i < 260; i++) made.push(await store.tags.create({ slug: `وسم-كثير-${i}`, name: `وسم كثير ${i}`, description: null }));
    const wanted = [made[259]!.id, made[3]!.id, made[201]!.id];
    const res = await callAs(site.khabar, sessions.author, 'GET', `/admin/api/tags?ids=${wanted.join(',')},${made[3]!.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json().tags as Array<{ id: number; name: string }>).map((t) => t.name).sort()).toEqual(['وسم كثير 201', 'وسم كثير 259', 'وسم كثير 3']);
    for (const bad of ['', 'x', '1,-2', '1.5', Array.from({ length: 101 }, (_, i) => i + 1).join(',')]) {
      const refused = await callAs(site.khabar, sessions.author, 'GET', `/admin/api/tags?ids=${encodeURIComponent(bad)}`);
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'ids' });
    }
  });

  it('deletes a section and a tag for editors, writing the audit log', async () => {
    const section = (await callAs(site.khabar, sessions.editor, 'POST', '/admin/api/sections', { name: 'قسم مؤقت' })).json().section;
    expect(section.slug).toBe('قسم-مؤقت');
    expect((await callAs(site.khabar, sessions.editor, 'POST', '/admin/api/sections', { name: 'قسم مؤقت' })).statusCode).toBe(409);
    expect((await callAs(site.khabar, sessions.author, 'DELETE', `/admin/api/sections/${section.id}`)).statusCode).toBe(403);
    expect((await callAs(site.khabar, sessions.editor, 'DELETE', `/admin/api/sections/${section.id}`)).statusCode).toBe(200);
    expect((await callAs(site.khabar, sessions.editor, 'DELETE', `/admin/api/sections/${section.id}`)).statusCode).toBe(404);
    const tag = (await callAs(site.khabar, sessions.editor, 'POST', '/admin/api/tags', { name: 'وسم مؤقت' })).json().tag;
    expect((await callAs(site.khabar, sessions.editor, 'POST', '/admin/api/tags', { name: 'وسم مؤقت' })).json().tag.id).toBe(tag.id);
    expect((await callAs(site.khabar, sessions.editor, 'DELETE', `/admin/api/tags/${tag.id}`)).statusCode).toBe(200);
    const log = (await callAs(site.khabar, sessions.admin, 'GET', `/admin/api/audit?actor=${sessions.editor.userId}`)).json();
    expect(log.items.slice(0, 2).map((e: { action: string }) => e.action)).toEqual(['tag.delete', 'section.delete']);
  });

  it('edits the canonical URL: an http(s) address the page names, kept by revisions, cleared by an empty field', async () => {
    const live = await fresh('editor', 'published');
    const url = encodePath(createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca').build({ id: live.id, slug: live.slug, publishedAt: live.publishedAt!, categoryPath: '', authorSlug: '' }));
    const canonicalOf = async () => /<link rel="canonical" href="([^"]+)"/.exec((await site.khabar.app.inject({ method: 'GET', url })).body)?.[1];
    expect(await canonicalOf()).toContain(url);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'example.ma/article', '//example.ma/a']) {
      const refused = await callAs(site.khabar, sessions.editor, 'PATCH', `/admin/api/articles/${live.id}`, { version: 1, canonicalUrl: bad });
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'canonicalUrl' });
    }
    const first = 'https://www.example.ma/2019/05/المقال-الأصلي/';
    const saved = await callAs(site.khabar, sessions.editor, 'PATCH', `/admin/api/articles/${live.id}`, { version: 1, canonicalUrl: ` ${first} ` });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().article).toMatchObject({ canonicalUrl: first, version: 2 });
    expect(await canonicalOf()).toBe(first);
    const cleared = await callAs(site.khabar, sessions.editor, 'PATCH', `/admin/api/articles/${live.id}`, { version: 2, canonicalUrl: '' });
    expect(cleared.json().article.canonicalUrl).toBeNull();
    expect(await canonicalOf()).toContain(url);
    // Restoring the revision that had it brings it back.
    const revisions = (await callAs(site.khabar, sessions.editor, 'GET', `/admin/api/articles/${live.id}/revisions`)).json().revisions as Array<{ id: number; version: number }>;
    const withIt = revisions.find((r) => r.version === 2)!;
    const restored = await callAs(site.khabar, sessions.editor, 'POST', `/admin/api/articles/${live.id}/revisions/${withIt.id}/restore`, { version: 3 });
    expect(restored.json().article.canonicalUrl).toBe(first);
    // A valid URL carrying markup stays an attribute value.
    const hostile = 'https://x.example/"><script>alert(1)</script>';
    expect((await callAs(site.khabar, sessions.editor, 'PATCH', `/admin/api/articles/${live.id}`, { version: 4, canonicalUrl: hostile })).statusCode).toBe(200);
    const html = (await site.khabar.app.inject({ method: 'GET', url })).body;
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('<link rel="canonical" href="https://x.example/&quot;>&lt;script>alert(1)&lt;/script>"');
  });

  it('refuses bad input with 400 naming the field, and a taken slug with 409, writing nothing', async () => {
    const other = await fresh('editor', 'draft');
    const article = await fresh('editor', 'draft');
    const cases: Array<[object, number, string, string | undefined]> = [
      [{ title: 'بدون نسخة' }, 400, 'INVALID_INPUT', 'version'],
      [{ version: 1, status: 'published' }, 400, 'INVALID_INPUT', 'status'],
      [{ version: 1, sectionIds: [999_999] }, 400, 'INVALID_INPUT', 'sectionIds'],
      [{ version: 1, title: '' }, 400, 'INVALID_INPUT', 'title'],
      [{ version: 1, slug: '«»' }, 400, 'INVALID_INPUT', 'slug'],
      [{ version: 1, slug: other.slug }, 409, 'SLUG_TAKEN', 'slug'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await callAs(site.khabar, sessions.editor, 'PATCH', `/admin/api/articles/${article.id}`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error).toMatchObject({ code, ...(field ? { field } : {}) });
    }
    expect((await store.articles.findById(article.id))?.version).toBe(1);
    const past = await callAs(site.khabar, sessions.editor, 'POST', `/admin/api/articles/${article.id}/schedule`, { publishAt: new Date(TEST_NOW.getTime() - 1000).toISOString() });
    expect(past.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'publishAt' });
    const badSetting = await callAs(site.khabar, sessions.admin, 'PATCH', '/admin/api/settings', { permalink: '/no-tags/' });
    expect(badSetting.statusCode).toBe(400);
    expect(badSetting.json().error.field).toBe('permalink');
    expect((await callAs(site.khabar, sessions.admin, 'PATCH', '/admin/api/settings', { colour: 'red' })).json().error.field).toBe('colour');
    // A nested setting is named by its path, so the settings screen shows the error next to it.
    for (const [payload, field] of [
      [{ follow: { whatsapp: 'not a url' } }, 'follow.whatsapp'],
      [{ comments: { perPage: 2 } }, 'comments.perPage'],
      [{ social: { x: 'x.com/khabar' } }, 'social.x'],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      // Link and image addresses are http(s) (or, for the logo, a path on the site): zod's url()
      // alone takes these, and they would be links on every public page.
      [{ follow: { googleNews: 'javascript:alert(1)' } }, 'follow.googleNews'],
      [{ social: { facebook: 'data:text/html,<script>alert(1)</script>' } }, 'social.facebook'],
      [{ logoUrl: 'javascript:alert(1)' }, 'logoUrl'],
      [{ logoUrl: '//evil.example/logo.png' }, 'logoUrl'],
    ] as const) {
      const res = await callAs(site.khabar, sessions.admin, 'PATCH', '/admin/api/settings', payload);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error, field).toMatchObject({ code: 'INVALID_INPUT', field });
    }
    expect((await callAs(site.khabar, sessions.admin, 'GET', '/admin/api/settings')).json().effective.timeZone).not.toBe('Mars/Olympus_Mons');
    const logo = await callAs(site.khabar, sessions.admin, 'PATCH', '/admin/api/settings', { logoUrl: '/media/2026/11/logo.png' });
    expect([logo.statusCode, logo.json().settings.logoUrl]).toEqual([200, '/media/2026/11/logo.png']);
    expect((await callAs(site.khabar, sessions.editor, 'GET', '/admin/api/articles/abc')).statusCode).toBe(404);
    expect((await callAs(site.khabar, sessions.editor, 'GET', '/admin/api/articles?status=live')).json().error.field).toBe('status');
  });
});
