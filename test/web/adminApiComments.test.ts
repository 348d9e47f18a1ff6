import { readFileSync } from 'node:fs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/access.js';
import type { Article } from '../../src/domain/article.js';
import type { CommentStatus, NewComment } from '../../src/domain/comment.js';
import { cleanName } from '../../src/domain/comments/validateCommentForm.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import type { Role } from '../../src/domain/user.js';
import { createUser } from '../../src/operations/accounts/createUser.js';
import { createArgon2PasswordHasher } from '../../src/operations/accounts/passwordHasher.js';
import type { Store } from '../../src/store/ports.js';
import { activeContent, elementsOf } from '../support/inertHtml.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { memoryRateLimiter } from '../support/memoryRateLimiter.js';
import { storeKinds, type TestStore } from '../support/stores.js';

const ORIGIN = 'https://khabar.example';
const PASSWORD = 'كلمة-سر-طويلة-للتحرير';
const passwords = createArgon2PasswordHasher();
const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const payloads = readFileSync(new URL('../fixtures/xss-payloads.txt', import.meta.url), 'utf8').split('\n').filter((line) => line !== '');
/** What the comment allow-list may leave in a body. */
const BODY_TAGS = new Set(['a', 'b', 'strong', 'i', 'em', 'blockquote', 'code', 'del', 's', 'q', 'br', 'p']);

/** The comment list's own markup around the bodies (as in commentSafety.test.ts). */
const COMMENT_MARKUP = [...BODY_TAGS, 'ol', 'li', 'article', 'header', 'span', 'time', 'div', 'section'];

type Who = 'admin' | 'editor' | 'author' | 'otherAuthor' | 'contributor';
interface Session {
  cookie: string;
  csrf: string;
  userId: number;
  name: string;
  email: string;
}

for (const kind of storeKinds) describe.skipIf(!kind.available)(`admin API: comment moderation [${kind.name}]`, () => {
  let handle: TestStore;
  let site: TestSite;
  let store: Store;
  const sessions = {} as Record<Who, Session>;
  /** Bylined by the author's profile (and a colleague's); the other author's article is not theirs. */
  let own: Article;
  let theirs: Article;
  let fingerprint = 0;

  const inject = (options: InjectOptions) => site.khabar.app.inject(options);
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: Who | null, payload?: object, headers: Record<string, string> = {}) => {
    const session = who ? sessions[who] : null;
    return inject({
      method,
      url,
      headers: { origin: ORIGIN, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), ...headers },
      ...(payload ? { payload } : {}),
    });
  };
  const urlOf = (article: Article) =>
    encodePath(permalink.build({ id: article.id, slug: article.slug, publishedAt: article.publishedAt!, categoryPath: '', authorSlug: '' }));
  const statusOf = async (id: number) => (await store.comments.findById(id))?.status ?? 'gone';

  async function seed(article: Article, status: CommentStatus = 'pending', extra: Partial<NewComment> = {}) {
    fingerprint += 1;
    return store.comments.create({
      articleId: article.id,
      parentId: null,
      depth: 1,
      authorName: `قارئ ${fingerprint}`,
      authorEmail: `reader${fingerprint}@readers.example`,
      authorUrl: null,
      body: `<p>تعليق رقم ${fingerprint}</p>`,
      status,
      ipHash: 'c'.repeat(32),
      userAgent: 'test',
      fingerprint: `fp-${fingerprint}`,
      ...extra,
    });
  }

  beforeAll(async () => {
    const now = () => TEST_NOW;
    handle = await kind.open({ now });
    store = handle.store;
    site = await openTestSite({ store, now, demo: false, rateLimiter: memoryRateLimiter(now) });
    const roles: Record<Who, Role> = { admin: 'admin', editor: 'editor', author: 'author', otherAuthor: 'author', contributor: 'contributor' };
    for (const [who, role] of Object.entries(roles) as [Who, Role][]) {
      const email = `${who.toLowerCase()}@khabar.example`;
      const name = `${who} الاسم`;
      const user = await createUser({ store, passwords }, systemActor('test'), { email, displayName: name, role, password: PASSWORD });
      const res = await inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN }, payload: { email, password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      const token = res.cookies.find((c) => c.name === 'khabar_session')!.value;
      sessions[who] = { cookie: `khabar_session=${token}`, csrf: res.json().csrfToken as string, userId: user.id, name, email };
    }
    const mine = await store.authors.create({ slug: 'kateb', name: 'الكاتب', userId: sessions.author.userId });
    const colleague = await store.authors.create({ slug: 'zamil', name: 'الزميل' });
    const other = await store.authors.create({ slug: 'akhar', name: 'الآخر', userId: sessions.otherAuthor.userId });
    const published = { body: '<p>نص المقال</p>', status: 'published' as const, readingMinutes: 1 };
    own = await store.articles.create({ ...published, slug: 'مقال-الكاتب', title: 'مقال الكاتب', publishedAt: new Date(TEST_NOW.getTime() - 3_600_000), authorIds: [colleague.id, mine.id] });
    theirs = await store.articles.create({ ...published, slug: 'مقال-الآخر', title: 'مقال الآخر', publishedAt: new Date(TEST_NOW.getTime() - 7_200_000), authorIds: [other.id] });
  });
  afterAll(async () => {
    await site?.dispose();
    await handle?.dispose();
  });

  describe('who may call it', () => {
    it('answers 401 without a session and 403 without the CSRF token or from another origin, changing nothing', async () => {
      const c = await seed(theirs);
      for (const [method, url, payload] of [
        ['GET', '/admin/api/comments', undefined],
        ['POST', `/admin/api/comments/${c.id}/approve`, undefined],
        ['POST', '/admin/api/comments/bulk', { ids: [c.id], action: 'approve' }],
        ['PATCH', `/admin/api/comments/${c.id}`, { text: 'x' }],
        ['DELETE', `/admin/api/comments/${c.id}`, undefined],
        ['POST', `/admin/api/comments/${c.id}/replies`, { text: 'x' }],
      ] as const) {
        const res = await call(method, url, null, payload);
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
        expect(res.headers['cache-control']).toBe('private, no-store');
      }
      const noToken = await inject({ method: 'POST', url: `/admin/api/comments/${c.id}/approve`, headers: { origin: ORIGIN, cookie: sessions.admin.cookie } });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.json().error.code).toBe('CSRF_INVALID');
      const wrongToken = await call('POST', '/admin/api/comments/bulk', 'admin', { ids: [c.id], action: 'approve' }, { 'x-csrf-token': 'forged' });
      expect(wrongToken.statusCode).toBe(403);
      const elsewhere = await call('POST', `/admin/api/comments/${c.id}/approve`, 'admin', undefined, { origin: 'https://evil.example' });
      expect(elsewhere.statusCode).toBe(403);
      expect(elsewhere.json().error.code).toBe('CSRF_INVALID');
      expect(await statusOf(c.id)).toBe('pending');
    });

    it('refuses contributors everything, with FORBIDDEN', async () => {
      const c = await seed(own, 'approved');
      const refused = [
        await call('GET', '/admin/api/comments', 'contributor'),
        await call('POST', `/admin/api/comments/${c.id}/spam`, 'contributor'),
        await call('POST', '/admin/api/comments/bulk', 'contributor', { ids: [c.id], action: 'trash' }),
        await call('PATCH', `/admin/api/comments/${c.id}`, 'contributor', { text: 'مُعدّل' }),
        await call('POST', `/admin/api/comments/${c.id}/replies`, 'contributor', { text: 'رد' }),
      ];
      for (const res of refused) {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      expect(await store.comments.findById(c.id)).toMatchObject({ status: 'approved', body: c.body });
    });
  });

  describe('listing', () => {
    it('lists every comment for editors and admins, with article titles, emails, IP hashes and per-state counts', async () => {
      const before = (await call('GET', '/admin/api/comments', 'editor')).json();
      const a = await seed(own, 'pending');
      const b = await seed(theirs, 'spam');
      for (const who of ['admin', 'editor'] as const) {
        const res = await call('GET', '/admin/api/comments?perPage=100', who);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        const body = res.json();
        expect(body.total).toBe(before.total + 2);
        expect(body.counts.pending).toBe(before.counts.pending + 1);
        expect(body.counts.spam).toBe(before.counts.spam + 1);
        expect(body.items[0]).toMatchObject({ id: b.id, articleId: theirs.id, articleTitle: 'مقال الآخر', status: 'spam', authorEmail: b.authorEmail, ipHash: 'c'.repeat(32) });
        expect(body.items[1]).toMatchObject({ id: a.id, articleTitle: 'مقال الكاتب', status: 'pending' });
        expect(body.items[0]).not.toHaveProperty('fingerprint');
      }
      const spamOnly = (await call('GET', '/admin/api/comments?status=spam', 'admin')).json();
      expect(spamOnly.items.every((c: { status: string }) => c.status === 'spam')).toBe(true);
      expect(spamOnly.total).toBe(spamOnly.counts.spam);
      const onArticle = (await call('GET', `/admin/api/comments?article=${own.id}`, 'admin')).json();
      expect(onArticle.items.every((c: { articleId: number }) => c.articleId === own.id)).toBe(true);
      const searched = (await call('GET', `/admin/api/comments?q=${encodeURIComponent(a.authorEmail)}`, 'admin')).json();
      expect(searched.items.map((c: { id: number }) => c.id)).toEqual([a.id]);
      const paged = (await call('GET', '/admin/api/comments?perPage=1&page=2', 'admin')).json();
      expect(paged).toMatchObject({ page: 2, perPage: 1, pages: paged.total });
      expect(paged.items.map((c: { id: number }) => c.id)).toEqual([a.id]);
      for (const bad of ['status=deleted', 'page=0', 'perPage=1000', 'article=abc']) {
        const res = await call('GET', `/admin/api/comments?${bad}`, 'admin');
        expect(res.statusCode, bad).toBe(400);
        expect(res.json().error.code).toBe('INVALID_INPUT');
      }
    });

    it('shows an author only the comments on their own articles, counts included', async () => {
      const mine = await seed(own, 'pending');
      await seed(theirs, 'pending');
      const res = await call('GET', '/admin/api/comments?perPage=100', 'author');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeGreaterThan(0);
      expect(body.items.every((c: { articleId: number }) => c.articleId === own.id)).toBe(true);
      expect(body.items.map((c: { id: number }) => c.id)).toContain(mine.id);
      const everything = await store.comments.countByStatus({ articleId: own.id });
      expect(body.counts).toEqual(everything);
      expect(body.total).toBe(Object.values(everything).reduce((s, n) => s + n, 0));
      // Asking for someone else's article gives nothing, not their comments.
      const other = (await call('GET', `/admin/api/comments?article=${theirs.id}`, 'author')).json();
      expect(other.total).toBe(0);
      expect(other.items).toEqual([]);
    });
  });

  describe('moderating', () => {
    it('walks a comment through every action for admins, editors and the article’s author', async () => {
      for (const [who, article] of [['admin', theirs], ['editor', own], ['author', own], ['otherAuthor', theirs]] as const) {
        const c = await seed(article);
        const steps: Array<[string, string, CommentStatus | 'gone']> = [
          ['POST', 'approve', 'approved'],
          ['POST', 'unapprove', 'pending'],
          ['POST', 'spam', 'spam'],
          ['POST', 'restore', 'pending'],
          ['POST', 'trash', 'trash'],
          ['DELETE', '', 'gone'],
        ];
        for (const [method, action, expected] of steps) {
          const res = await call(method as 'POST' | 'DELETE', `/admin/api/comments/${c.id}${action ? `/${action}` : ''}`, who);
          expect(res.statusCode, `${who} ${action || 'delete'}: ${res.body}`).toBe(200);
          expect(res.json()).toEqual({ action: action || 'delete', changed: [c.id], unchanged: [] });
          expect(await statusOf(c.id)).toBe(expected);
        }
      }
    });

    it('refuses an author on someone else’s article, changing nothing', async () => {
      const c = await seed(theirs, 'pending');
      for (const action of ['approve', 'unapprove', 'spam', 'trash', 'restore']) {
        const res = await call('POST', `/admin/api/comments/${c.id}/${action}`, 'author');
        expect(res.statusCode, action).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      await store.comments.setStatus([c.id], 'trash');
      expect((await call('DELETE', `/admin/api/comments/${c.id}`, 'author')).statusCode).toBe(403);
      expect((await call('PATCH', `/admin/api/comments/${c.id}`, 'author', { text: 'تعديل' })).statusCode).toBe(403);
      expect(await store.comments.findById(c.id)).toMatchObject({ status: 'trash', body: c.body });
    });

    it('says what did not change, refuses to delete a live comment, and answers 404 for an unknown one', async () => {
      const c = await seed(own, 'approved');
      const again = await call('POST', `/admin/api/comments/${c.id}/approve`, 'editor');
      expect(again.json()).toEqual({ action: 'approve', changed: [], unchanged: [c.id] });
      expect((await call('POST', `/admin/api/comments/${c.id}/restore`, 'editor')).json()).toEqual({ action: 'restore', changed: [], unchanged: [c.id] });
      const live = await call('DELETE', `/admin/api/comments/${c.id}`, 'editor');
      expect(live.statusCode).toBe(400);
      expect(live.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'ids' });
      expect(await statusOf(c.id)).toBe('approved');
      for (const url of ['/admin/api/comments/999999/approve', '/admin/api/comments/abc/approve']) {
        const res = await call('POST', url, 'editor');
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
    });

    it('applies bulk actions all or nothing', async () => {
      const mine = [await seed(own), await seed(own), await seed(own, 'approved')];
      const other = await seed(theirs);
      const ids = mine.map((c) => c.id);

      const mixed = await call('POST', '/admin/api/comments/bulk', 'author', { ids: [...ids, other.id], action: 'spam' });
      expect(mixed.statusCode).toBe(403);
      expect(mixed.json().error.code).toBe('FORBIDDEN');
      const unknown = await call('POST', '/admin/api/comments/bulk', 'editor', { ids: [...ids, 999_999], action: 'spam' });
      expect(unknown.statusCode).toBe(404);
      const deleteLive = await call('POST', '/admin/api/comments/bulk', 'editor', { ids: [...ids], action: 'delete' });
      expect(deleteLive.statusCode).toBe(400);
      for (const c of [...mine, other]) expect(await statusOf(c.id)).toBe(c.status);

      for (const payload of [{ ids: [], action: 'spam' }, { ids: [ids[0]], action: 'explode' }, { ids: ['x'], action: 'spam' }, { action: 'spam' }, { ids: Array.from({ length: 501 }, (_, i) => i + 1), action: 'trash' }]) {
        const res = await call('POST', '/admin/api/comments/bulk', 'editor', payload);
        expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
        expect(res.json().error.code).toBe('INVALID_INPUT');
      }

      const approved = await call('POST', '/admin/api/comments/bulk', 'author', { ids: [...ids, ids[0]], action: 'approve' });
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toEqual({ action: 'approve', changed: [ids[0], ids[1]].sort((a, b) => a! - b!), unchanged: [ids[2]] });
      const trashed = await call('POST', '/admin/api/comments/bulk', 'editor', { ids: [...ids, other.id], action: 'trash' });
      expect(trashed.json().changed).toEqual([...ids, other.id].sort((a, b) => a - b));
      const deleted = await call('POST', '/admin/api/comments/bulk', 'admin', { ids: [...ids, other.id], action: 'delete' });
      expect(deleted.json().changed).toHaveLength(4);
      expect(await store.comments.findByIds([...ids, other.id])).toEqual([]);
    });
  });

  describe('editing and replying', () => {
    it('edits name, website and text with the reader form’s validation and sanitizing', async () => {
      const c = await seed(own, 'approved', { authorUrl: 'https://old.example/' });
      const res = await call('PATCH', `/admin/api/comments/${c.id}`, 'author', {
        authorName: '\u202Eسلمى\u200B  المعدّلة',
        text: 'نص <b onclick="x()">معدّل</b> <script>alert(1)</script>',
      });
      expect(res.statusCode, res.body).toBe(200);
      const edited = res.json().comment;
      expect(edited).toMatchObject({ id: c.id, authorName: 'سلمى المعدّلة', authorUrl: 'https://old.example/', status: 'approved', articleTitle: 'مقال الكاتب' });
      expect(edited.body).toContain('<b>معدّل</b>');
      expect(activeContent(edited.body, BODY_TAGS)).toEqual([]);
      const stored = await store.comments.findById(c.id);
      expect(stored!.body).toBe(edited.body);
      expect(stored!.fingerprint).not.toBe(c.fingerprint);

      const cleared = await call('PATCH', `/admin/api/comments/${c.id}`, 'editor', { authorUrl: '' });
      expect(cleared.json().comment.authorUrl).toBeNull();
      for (const payload of [{ authorUrl: 'javascript:alert(1)' }, { authorName: '   ' }, { text: '' }, { text: 'ب'.repeat(40_000) }, {}, { text: 5 }]) {
        const bad = await call('PATCH', `/admin/api/comments/${c.id}`, 'editor', payload);
        expect(bad.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
        expect(bad.json().error.code).toBe('INVALID_INPUT');
      }
      expect((await store.comments.findById(c.id))!.body).toBe(edited.body);
      expect((await call('PATCH', '/admin/api/comments/999999', 'editor', { text: 'x' })).statusCode).toBe(404);
    });

    it('replies as staff: approved, with the user’s name and email, nested as readers’ replies are', async () => {
      const parent = await seed(theirs, 'approved');
      const res = await call('POST', `/admin/api/comments/${parent.id}/replies`, 'editor', { text: 'شكراً على ملاحظتك.' });
      expect(res.statusCode, res.body).toBe(201);
      const reply = res.json().comment;
      expect(reply).toMatchObject({ parentId: parent.id, depth: 2, status: 'approved', isStaff: true, userId: sessions.editor.userId, authorName: sessions.editor.name, authorEmail: sessions.editor.email });
      expect(reply.body).toBe('<p>شكراً على ملاحظتك.</p>');

      const page = await inject({ method: 'GET', url: urlOf(theirs) });
      expect(page.statusCode).toBe(200);
      const at = page.body.indexOf(`id="comment-${reply.id}"`);
      expect(at).toBeGreaterThan(page.body.indexOf(`id="comment-${parent.id}"`));
      expect(page.body.slice(at, at + 200)).toContain('comment-staff');
      expect(page.body).not.toContain(sessions.editor.email);

      // At the deepest level a reply joins its parent's thread.
      await store.settings.set('site', { comments: { maxDepth: 2 } });
      try {
        const deeper = await call('POST', `/admin/api/comments/${reply.id}/replies`, 'otherAuthor', { text: 'وأضيف.' });
        expect(deeper.statusCode, deeper.body).toBe(201);
        expect(deeper.json().comment).toMatchObject({ parentId: parent.id, depth: 2, userId: sessions.otherAuthor.userId });
      } finally {
        await store.settings.set('site', {});
      }

      const held = await seed(theirs, 'pending');
      const onHeld = await call('POST', `/admin/api/comments/${held.id}/replies`, 'admin', { text: 'رد' });
      expect(onHeld.statusCode).toBe(400);
      expect((await call('POST', `/admin/api/comments/${parent.id}/replies`, 'author', { text: 'رد' })).statusCode).toBe(403);
      expect((await call('POST', `/admin/api/comments/${parent.id}/replies`, 'admin', { text: '   ' })).statusCode).toBe(400);
      expect((await call('POST', '/admin/api/comments/999999/replies', 'admin', { text: 'رد' })).statusCode).toBe(404);
      expect(await store.comments.count({ articleId: theirs.id, search: 'رد' })).toBe(0);
    });
  });

  describe('what readers see', () => {
    it('shows a state change on the public article page at once: approve → appears, spam → disappears, count label follows', async () => {
      const article = await store.articles.create({
        slug: 'مقال-للمراجعة',
        title: 'مقال للمراجعة',
        body: '<p>نص</p>',
        status: 'published',
        readingMinutes: 1,
        publishedAt: new Date(TEST_NOW.getTime() - 600_000),
      });
      const page = async () => {
        const res = await inject({ method: 'GET', url: urlOf(article) });
        expect(res.statusCode).toBe(200);
        return res.body;
      };
      const a = await seed(article, 'pending', { body: '<p>أول تعليق منتظر</p>' });
      const b = await seed(article, 'pending', { body: '<p>ثاني تعليق منتظر</p>' });
      expect(await page()).toContain('لا توجد تعليقات');
      expect(await page()).not.toContain('أول تعليق منتظر');

      await call('POST', `/admin/api/comments/${a.id}/approve`, 'editor');
      let html = await page();
      expect(html).toContain(`id="comment-${a.id}"`);
      expect(html).toContain('أول تعليق منتظر');
      expect(html).toContain('تعليق واحد');
      expect(html).not.toContain(a.authorEmail);

      await call('POST', '/admin/api/comments/bulk', 'editor', { ids: [b.id], action: 'approve' });
      html = await page();
      expect(html).toContain('تعليقان');

      await call('PATCH', `/admin/api/comments/${b.id}`, 'admin', { text: 'نص بعد التعديل' });
      html = await page();
      expect(html).toContain('نص بعد التعديل');
      expect(html).not.toContain('ثاني تعليق منتظر');

      await call('POST', `/admin/api/comments/${a.id}/spam`, 'editor');
      html = await page();
      expect(html).not.toContain(`id="comment-${a.id}"`);
      expect(html).toContain('تعليق واحد');
      expect((await store.articles.findById(article.id))!.commentCount).toBe(1);

      await call('POST', `/admin/api/comments/${b.id}/unapprove`, 'editor');
      html = await page();
      expect(html).toContain('لا توجد تعليقات');
      expect((await store.articles.findById(article.id))!.commentCount).toBe(0);
    });
  });

  describe('hostile input', () => {
    it(`returns ${payloads.length} XSS payloads as sanitized bodies and plain-string names in JSON`, async () => {
      expect(payloads.length).toBeGreaterThanOrEqual(50);
      const ids: number[] = [];
      // The admin API refuses NUL anywhere (PostgreSQL cannot store it): the payloads that carry one go in without it.
      const withNul = payloads.find((p) => p.includes('\u0000'));
      if (withNul) {
        const c = await seed(own, 'pending', { body: '<p>سيُستبدل</p>' });
        const refused = await call('PATCH', `/admin/api/comments/${c.id}`, 'editor', { text: withNul });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().error.code).toBe('INVALID_INPUT');
      }
      const sent = payloads.map((p) => p.replaceAll('\u0000', ''));
      for (const [i, payload] of sent.entries()) {
        const c = await seed(own, 'pending', { body: '<p>سيُستبدل</p>' });
        const res = await call('PATCH', `/admin/api/comments/${c.id}`, 'editor', { authorName: `${payload.slice(0, 200)} ${i}`, text: payload });
        expect(res.statusCode, payload).toBe(200);
        ids.push(c.id);
        // The website field refuses script and data URLs outright.
        const site = await call('PATCH', `/admin/api/comments/${c.id}`, 'editor', { authorUrl: payload });
        if (site.statusCode === 200) expect(site.json().comment.authorUrl, payload).toMatch(/^https?:\/\//);
        else expect(site.json().error.code).toBe('INVALID_INPUT');
      }
      const parent = await seed(own, 'approved');
      for (const payload of sent.slice(0, 10)) {
        const reply = await call('POST', `/admin/api/comments/${parent.id}/replies`, 'author', { text: `${payload} رد` });
        expect(reply.statusCode, payload).toBe(201);
        ids.push(reply.json().comment.id);
      }
      // Every page of the list (100 a page at most).
      const items = new Map<number, { body: string; authorName: string }>();
      for (let page = 1; page <= Math.ceil(ids.length / 100) + 1; page++) {
        const res = await call('GET', `/admin/api/comments?article=${own.id}&perPage=100&page=${page}`, 'editor');
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        for (const c of res.json().items as Array<{ id: number; body: string; authorName: string }>) items.set(c.id, c);
      }
      for (const [i, id] of ids.entries()) {
        const item = items.get(id);
        expect(item, `comment ${id}`).toBeDefined();
        expect(activeContent(item!.body, BODY_TAGS), item!.body).toEqual([]);
        if (i < sent.length) expect(item!.authorName).toBe(cleanName(`${sent[i]!.slice(0, 200)} ${i}`));
      }
      // Approved, they are inert on the article page too (nothing beyond the page's own markup and the comment markup).
      await store.settings.set('site', { comments: { perPage: 500 } });
      const before = await inject({ method: 'GET', url: urlOf(own) });
      const allowed = new Set([...elementsOf(before.body).map((e) => e.name), ...COMMENT_MARKUP]);
      await call('POST', '/admin/api/comments/bulk', 'editor', { ids, action: 'approve' });
      const page = await inject({ method: 'GET', url: urlOf(own) });
      expect(page.statusCode).toBe(200);
      for (const id of ids) expect(page.body).toContain(`id="comment-${id}"`);
      expect(activeContent(page.body, allowed)).toEqual([]);
      await store.settings.set('site', {});
    }, 180_000);
  });
});
