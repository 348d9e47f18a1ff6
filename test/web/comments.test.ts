import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import type { DemoArticle } from '../../src/demo/types.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { commentClient } from '../support/commentForms.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const urlOf = (a: DemoArticle) =>
  encodePath(permalink.build({ id: 0, slug: a.slug, publishedAt: new Date(TEST_NOW.getTime() - a.hoursAgo * 3_600_000), categoryPath: '', authorSlug: '' }));

const [first, second, third] = demoContent.articles;

describe('reader comments over HTTP', () => {
  let site: TestSite;
  let clock = TEST_NOW.getTime();
  const now = () => new Date(clock);
  /** Time passes between loading a form and posting it, as it does for a person. */
  const later = (seconds = 10) => {
    clock += seconds * 1000;
  };
  let client: ReturnType<typeof commentClient>;
  let ipCounter = 0;
  const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;

  beforeAll(async () => {
    // Readers reach the site through a TLS-terminating proxy that sets X-Forwarded-Proto.
    site = await openTestSite({ now, overrides: { server: { trustProxy: true } } });
    client = commentClient(site.khabar.app);
  });
  afterAll(async () => {
    await site.dispose();
  });
  beforeEach(async () => {
    await site.khabar.store.settings.set('site', {});
  });

  const store = () => site.khabar.store;
  const get = (url: string, headers: Record<string, string> = {}) => site.khabar.app.inject({ method: 'GET', url, headers });

  async function postOn(article: DemoArticle, fields: Record<string, string>, options: { ip?: string; headers?: Record<string, string>; wait?: number } = {}) {
    const form = await client.form(urlOf(article));
    later(options.wait ?? 10);
    return client.post({ comment_post_ID: form.articleId, khabar_token: form.token, ...fields }, { ip: options.ip ?? freshIp(), ...(options.headers ? { headers: options.headers } : {}) });
  }

  it('shows WordPress’s Arabic form with its field names and anchors under the article', async () => {
    const res = await get(urlOf(first!));
    const html = res.body;
    expect(html).toContain('id="comments"');
    expect(html).toContain('id="respond"');
    expect(html).toContain('اترك تعليقاً');
    expect(html).toContain('لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *');
    for (const label of ['التعليق', 'الاسم', 'البريد الإلكتروني', 'الموقع الإلكتروني']) expect(html).toContain(label);
    expect(html).toContain('احفظ اسمي، بريدي الإلكتروني، والموقع الإلكتروني في هذا المتصفح لاستخدامها المرة المقبلة في تعليقي.');
    expect(html).toContain('value="إرسال التعليق"');
    for (const name of ['author', 'email', 'url', 'comment', 'comment_parent', 'comment_post_ID']) expect(html).toContain(`name="${name}"`);
    expect(html).toContain('action="/wp-comments-post.php"');
    expect(html).toContain('لا توجد تعليقات');
  });

  it('holds a first comment, shows it to its author alone, then publishes it once approved', async () => {
    const res = await postOn(first!, { author: 'سلمى', email: 'Salma.First@example.ma', comment: 'مقال مفيد، شكراً.' });
    expect(res.statusCode).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(/\?unapproved=(\d+)&moderation-hash=[\w-]+#comment-\d+$/);
    const id = Number(/unapproved=(\d+)/.exec(location)![1]);
    const saved = await store().comments.findById(id);
    expect(saved?.status).toBe('pending');
    expect(saved?.authorEmail).toBe('salma.first@example.ma');
    expect(saved?.ipHash).toMatch(/^[0-9a-f]{32}$/);

    const own = await get(location.split('#')[0]!);
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect(own.body).toContain(`id="comment-${id}"`);
    expect(own.body).toContain('تعليقك في انتظار المراجعة');

    const forged = await get(location.split('#')[0]!.replace(/moderation-hash=[\w-]+/, 'moderation-hash=AAAAAAAAAAAAAAAAAAAAAAAA'));
    expect(forged.body).not.toContain(`id="comment-${id}"`);
    const everyone = await get(urlOf(first!));
    expect(everyone.body).not.toContain(`id="comment-${id}"`);

    await store().comments.setStatus([id], 'approved');
    const after = await get(urlOf(first!));
    expect(after.body).toContain(`id="comment-${id}"`);
    expect(after.body).toContain('مقال مفيد، شكراً.');
    expect(after.body).toContain('تعليق واحد');
    expect(after.body).not.toContain('تعليقك في انتظار المراجعة');

    // The address now has an approved comment: the next one goes straight through.
    const again = await postOn(first!, { author: 'سلمى', email: 'salma.first@example.ma', comment: 'وإضافة صغيرة.' });
    expect(again.statusCode).toBe(303);
    const nextId = Number(/#comment-(\d+)$/.exec(again.headers.location as string)![1]);
    expect(again.headers.location).not.toContain('unapproved');
    expect((await store().comments.findById(nextId))?.status).toBe('approved');
    expect((await get(urlOf(first!))).body).toContain('تعليقان');
  });

  it('nests replies under their comment, as WordPress’s .children lists', async () => {
    await store().settings.set('site', { comments: { moderation: 'open' } });
    const parent = await postOn(second!, { author: 'أحمد', email: 'ahmed@example.ma', comment: 'سؤال: متى يبدأ التطبيق؟' });
    const parentId = Number(/#comment-(\d+)$/.exec(parent.headers.location as string)![1]);
    const page = await get(`${urlOf(second!)}?replytocom=${parentId}`);
    expect(page.body).toContain('الرد على أحمد');
    expect(page.body).toContain(`name="comment_parent" id="comment_parent" value="${parentId}"`);
    const reply = await postOn(second!, { author: 'فريق التحرير', email: 'desk@example.ma', comment: 'في بداية الشهر المقبل.', comment_parent: String(parentId) });
    const replyId = Number(/#comment-(\d+)$/.exec(reply.headers.location as string)![1]);
    const html = (await get(urlOf(second!))).body;
    const parentAt = html.indexOf(`id="comment-${parentId}"`);
    const childrenAt = html.indexOf('<ol class="children">', parentAt);
    expect(parentAt).toBeGreaterThan(-1);
    expect(html.indexOf(`id="comment-${replyId}"`)).toBeGreaterThan(childrenAt);
    expect(childrenAt).toBeGreaterThan(parentAt);
  });

  it('sends the form back with Arabic messages next to the fields and the typed values kept', async () => {
    const res = await postOn(first!, { author: '', email: 'ليس-بريداً', url: 'javascript:alert(1)', comment: 'نص التعليق الذي كتبته' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body).toContain('راجع تعليقك');
    expect(res.body).toContain('الرجاء كتابة اسمك.');
    expect(res.body).toContain('البريد الإلكتروني غير صالح');
    expect(res.body).toContain('عنوان الموقع غير صالح');
    expect(res.body).toContain('نص التعليق الذي كتبته');
    expect(res.body).toContain('value="ليس-بريداً"');
    expect(res.body).toContain('name="khabar_token"');
    const empty = await postOn(first!, { author: 'x', email: 'x@example.ma', comment: '   ' });
    expect(empty.body).toContain('الرجاء كتابة تعليقك.');
  });

  it('refuses an instant post, a forged or missing token, and a post from another site', async () => {
    const before = await store().comments.count({});
    const form = await client.form(urlOf(third!));
    const fast = await client.post({ comment_post_ID: form.articleId, khabar_token: form.token, author: 'بوت', email: 'bot@example.ma', comment: 'سريع' }, { ip: freshIp() });
    expect(fast.statusCode).toBe(400);
    expect(fast.body).toContain('بسرعة كبيرة');
    later();
    const forged = await client.post({ comment_post_ID: form.articleId, khabar_token: form.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), author: 'بوت', email: 'bot@example.ma', comment: 'مزور' }, { ip: freshIp() });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('تعذّر التحقق من النموذج');
    const missing = await client.post({ comment_post_ID: form.articleId, author: 'بوت', email: 'bot@example.ma', comment: 'بلا رمز' }, { ip: freshIp() });
    expect(missing.statusCode).toBe(400);
    const otherArticle = await client.form(urlOf(first!));
    later();
    const swapped = await client.post({ comment_post_ID: form.articleId, khabar_token: otherArticle.token, author: 'بوت', email: 'bot@example.ma', comment: 'رمز مقال آخر' }, { ip: freshIp() });
    expect(swapped.statusCode).toBe(400);
    const crossSite = await client.post({ comment_post_ID: form.articleId, khabar_token: form.token, author: 'بوت', email: 'bot@example.ma', comment: 'من موقع آخر' }, { ip: freshIp(), headers: { origin: 'https://evil.example' } });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.body).toContain('طلب مرفوض');
    const fetchSite = await client.post({ comment_post_ID: form.articleId, khabar_token: form.token, author: 'بوت', email: 'bot@example.ma', comment: 'sec-fetch' }, { ip: freshIp(), headers: { origin: '', 'sec-fetch-site': 'cross-site' } });
    expect(fetchSite.statusCode).toBe(403);
    expect(await store().comments.count({})).toBe(before);
  });

  it('keeps honeypot and disallowed-word comments as spam, out of sight', async () => {
    await store().settings.set('site', { comments: { moderation: 'open', disallowedWords: ['كلمة ممنوعة', 'غبي', 'حمار'] } });
    const bot = await postOn(third!, { author: 'Bot', email: 'bot1@example.ma', comment: 'Buy now', khabar_hp: 'http://spam.example' });
    expect(bot.statusCode).toBe(303);
    expect(bot.headers.location).toMatch(/#comments$/);
    for (const [text, email] of [
      ['أنت غَبِيٌّ جداً', 'a1@example.ma'],
      ['يا غبـــــيييي', 'a2@example.ma'],
      ['هذه كلمةُ ممنوعة هنا', 'a3@example.ma'],
      ['ya 7mar', 'a4@example.ma'],
    ] as const) {
      const res = await postOn(third!, { author: 'قارئ', email, comment: text });
      expect(res.headers.location, text).toMatch(/#comments$/);
    }
    const spam = await store().comments.list({ statuses: ['spam'] }, { limit: 50, offset: 0 });
    expect(spam.map((c) => c.authorEmail)).toEqual(expect.arrayContaining(['bot1@example.ma', 'a1@example.ma', 'a2@example.ma', 'a3@example.ma', 'a4@example.ma']));
    const html = (await get(urlOf(third!))).body;
    expect(html).not.toContain('Buy now');
    expect(html).not.toContain('غَبِيٌّ');
  });

  it('holds a comment with more links than the setting allows', async () => {
    await store().settings.set('site', { comments: { moderation: 'open', maxLinks: 1 } });
    const res = await postOn(third!, { author: 'روابط', email: 'links@example.ma', comment: 'انظر https://a.example و https://b.example' });
    expect(res.headers.location).toContain('unapproved=');
  });

  it('refuses the same comment twice, whatever the harakat or spacing', async () => {
    await store().settings.set('site', { comments: { moderation: 'open' } });
    const ip = freshIp();
    const one = await postOn(first!, { author: 'مكرر', email: 'dup@example.ma', comment: 'رأي واحد فقط' }, { ip });
    expect(one.statusCode).toBe(303);
    const two = await postOn(first!, { author: 'مكرر', email: 'dup@example.ma', comment: 'رأيٌ  واحدٌ فقط' }, { ip });
    expect(two.statusCode).toBe(409);
    expect(two.body).toContain('يبدو أنك أرسلت هذا التعليق من قبل.');
  });

  it('answers a flood with 429, an Arabic message and Retry-After', async () => {
    const ip = '192.0.2.99';
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await postOn(second!, { author: `قارئ ${i}`, email: `flood${i}@example.ma`, comment: `تعليق رقم ${i}` }, { ip, wait: 4 });
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 303)).toBe(true);
    expect(last!.statusCode).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.body).toContain('طلبات كثيرة في وقت قصير');
  });

  it('counts refused posts against the flood limit too, and stores nothing past it', async () => {
    await store().settings.set('site', { comments: { moderation: 'open' } });
    const ip = '192.0.2.98';
    const statuses: number[] = [];
    const same = { author: 'مكرر', email: 'again@example.ma', comment: 'نفس التعليق مرة أخرى' };
    for (let i = 0; i < 6; i++) statuses.push((await postOn(second!, same, { ip, wait: 4 })).statusCode);
    // One stored, four duplicates refused and counted (5 a minute), the sixth post is the flood.
    expect(statuses).toEqual([303, 409, 409, 409, 409, 429]);
    const before = await store().comments.count({});
    const fresh = await postOn(second!, { author: 'جديد', email: 'fresh@example.ma', comment: 'تعليق جديد تماماً' }, { ip, wait: 4 });
    expect(fresh.statusCode).toBe(429);
    expect(await store().comments.count({})).toBe(before);
  });

  it('refuses comments on a closed or unknown article, and oversized posts', async () => {
    const article = (await store().articles.findBySlug(first!.slug))!;
    await store().settings.set('site', { comments: { closeAfterDays: 1 } });
    const old = demoContent.articles.find((a) => a.hoursAgo > 48)!;
    const oldPage = await get(urlOf(old));
    expect(oldPage.body).toContain('التعليقات مغلقة على هذا المقال.');
    expect(oldPage.body).not.toContain('id="commentform"');
    const form = await client.form(urlOf(first!));
    later();
    const oldArticle = (await store().articles.findBySlug(old.slug))!;
    const closed = await client.post({ comment_post_ID: String(oldArticle.id), khabar_token: form.token, author: 'س', email: 's@example.ma', comment: 'متأخر' }, { ip: freshIp() });
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain('التعليقات مغلقة على هذا المقال.');
    const unknown = await client.post({ comment_post_ID: '999999', khabar_token: form.token, author: 'س', email: 's@example.ma', comment: 'مقال غير موجود' }, { ip: freshIp() });
    expect(unknown.statusCode).toBe(404);
    const huge = await client.post({ comment_post_ID: String(article.id), khabar_token: form.token, author: 'س', email: 's@example.ma', comment: 'ب'.repeat(50_000) }, { ip: freshIp() });
    expect(huge.statusCode).toBe(413);
    expect(huge.body).toContain('كبير جداً');
    const long = await postOn(first!, { author: 'س', email: 'long@example.ma', comment: 'ب'.repeat(33_000) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('التعليق أطول من المسموح');
  });

  it('remembers name, email and website only when the box is ticked', async () => {
    await store().settings.set('site', { comments: { moderation: 'open' } });
    // A browser that never ticked the box gets no cookie header at all.
    const unticked = await postOn(second!, { author: 'ليلى', email: 'laila@example.ma', comment: 'بدون حفظ' });
    expect(unticked.statusCode).toBe(303);
    expect(unticked.headers['set-cookie']).toBeUndefined();
    const ticked = await postOn(second!, { author: 'ليلى', email: 'laila@example.ma', url: 'laila.example.ma', comment: 'مع الحفظ', 'wp-comment-cookies-consent': 'yes' }, { headers: { 'x-forwarded-proto': 'https', origin: 'https://khabar.example' } });
    const cookie = String(ticked.headers['set-cookie']);
    expect(cookie).toMatch(/^khabar_commenter=[\w-]+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    const page = await get(urlOf(second!), { cookie: cookie.split(';')[0]! });
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('value="ليلى"');
    expect(page.body).toContain('value="https://laila.example.ma/"');
    expect(page.body).toMatch(/id="wp-comment-cookies-consent"[^>]*checked/);
    // Unticking it later forgets the values in that browser.
    const forgotten = await postOn(second!, { author: 'ليلى', email: 'laila@example.ma', comment: 'انسني الآن' }, { headers: { cookie: cookie.split(';')[0]! } });
    expect(forgotten.statusCode).toBe(303);
    expect(String(forgotten.headers['set-cookie'])).toMatch(/^khabar_commenter=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('sends the page every reader shares compressed when asked, and personal pages as they are', async () => {
    const plain = await get(urlOf(first!));
    const br = await get(urlOf(first!), { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    const { brotliDecompressSync } = await import('node:zlib');
    const text = brotliDecompressSync(br.rawPayload).toString();
    // Same page (the form token may differ by the second it was issued in).
    expect(text.replace(/name="khabar_token" value="[^"]+"/, '')).toBe(plain.body.replace(/name="khabar_token" value="[^"]+"/, ''));
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    const gzip = await get(urlOf(first!), { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const personal = await get(urlOf(first!), { 'accept-encoding': 'br', cookie: 'khabar_commenter=' + Buffer.from(JSON.stringify({ n: 'ليلى', e: 'l@example.ma', u: '' })).toString('base64url') });
    expect(personal.headers['content-encoding']).toBeUndefined();
    expect(personal.headers['cache-control']).toBe('private, no-store');
  });

  it('pages an article’s comments as WordPress does (comment-page-N/)', async () => {
    await store().settings.set('site', { comments: { moderation: 'open', perPage: 5 } });
    const article = (await store().articles.findBySlug(third!.slug))!;
    await store().comments.setStatus((await store().comments.list({ articleId: article.id }, { limit: 1000, offset: 0 })).map((c) => c.id), 'trash');
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await postOn(third!, { author: `قارئ ${i}`, email: `page${i}@example.ma`, comment: `تعليق الصفحات ${i}` });
      ids.push(Number(/#comment-(\d+)$/.exec(res.headers.location as string)![1]));
    }
    const lastRedirect = (await postOn(third!, { author: 'الأخير', email: 'page-last@example.ma', comment: 'الأخير' })).headers.location as string;
    expect(decodeURI(lastRedirect)).toContain('/comment-page-3/#comment-');
    const page2 = await get(`${urlOf(third!)}comment-page-2/`);
    expect(page2.statusCode).toBe(200);
    expect(page2.body).toContain(`id="comment-${ids[5]}"`);
    expect(page2.body).not.toContain(`id="comment-${ids[0]}"`);
    expect(page2.body).toContain('الصفحة 2 من 3');
    expect((await get(`${urlOf(third!)}comment-page-9/`)).statusCode).toBe(404);
    const one = await get(`${urlOf(third!)}comment-page-1/`);
    expect(one.statusCode).toBe(301);
  });
});
