import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import { encodePath } from '../../src/domain/permalink.js';
import { openTestSite, type TestSite } from '../support/khabar.js';

const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));
const hasJava = (() => {
  try {
    execFileSync('java', ['-version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasJava && process.env.CI) throw new Error('CI needs Java for the Nu HTML checker: .ci/run installs default-jre-headless');
if (!hasJava) console.warn('[khabar tests] no java on this machine: the Nu HTML checker test is skipped');

/** Runs the Nu HTML checker (vnu.jar, on the system's Java) over files; returns its error lines. */
function vnu(files: string[]): string[] {
  try {
    execFileSync('java', ['-jar', vnuJar, '--errors-only', ...files], { encoding: 'utf8', stdio: 'pipe' });
    return [];
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error).split('\n').filter((l) => l.includes('error'));
  }
}

describe.skipIf(!hasJava)('HTML validity (Nu HTML checker)', () => {
  let site: TestSite;
  const dir = mkdtempSync(path.join(tmpdir(), 'khabar-vnu-'));

  beforeAll(async () => {
    site = await openTestSite();
  });
  afterAll(async () => {
    await site?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports no errors on home, section, article (with a comment thread and a reply form), tag, author, static, search, 404 and comment-form pages', async () => {
    const home = await site.khabar.app.inject('/');
    const article = /href="(\/\d{4}\/\d{2}\/[^"]+)"/.exec(home.body)![1]!;
    const pages: Record<string, string> = {
      home: '/',
      section: encodePath('/category/مجتمع/'),
      article,
      tag: encodePath(`/tag/${demoContent.tags[0]!.slug}/`),
      author: encodePath(`/author/${demoContent.authors[0]!.slug}/`),
      page: encodePath(`/${demoContent.pages[0]!.slug}/`),
      notFound: '/no-such-page/',
      search: `/search?q=${encodeURIComponent('الماء')}`,
      searchEmpty: '/search?q=',
      searchNone: `/search?q=${encodeURIComponent('وزارت')}`,
    };
    // The article with a comment thread (a reply, a website, a staff badge) and a reply form.
    const store = site.khabar.store;
    const target = (await store.articles.listPublished({}, { limit: 1, offset: 0 }))[0]!;
    const base = { articleId: target.id, depth: 1, parentId: null, authorUrl: null, ipHash: null, userAgent: null, status: 'approved' as const };
    const parent = await store.comments.create({ ...base, authorName: 'Karim Benali', authorEmail: 'k@example.ma', authorUrl: 'https://example.ma/', body: '<p>سؤال عن <b>Casablanca</b>؟</p>', fingerprint: 'v1' });
    await store.comments.create({ ...base, parentId: parent.id, depth: 2, authorName: 'سلمى', authorEmail: 's@example.ma', body: '<p>جواب.</p><p>فقرة ثانية.</p>', fingerprint: 'v2' });
    const withComments = /href="(\/\d{4}\/\d{2}\/[^"]+)"/.exec((await site.khabar.app.inject('/')).body)![1]!;
    pages.commentThread = withComments;
    pages.replyForm = `${withComments}?replytocom=${parent.id}`;
    const files: string[] = [];
    // The form sent back with errors.
    const formPage = await site.khabar.app.inject({
      method: 'POST',
      url: '/wp-comments-post.php',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ comment_post_ID: String(target.id), author: '', email: 'x', comment: 'نص' }).toString(),
    });
    expect(formPage.statusCode).toBe(400);
    writeFileSync(path.join(dir, 'commentForm.html'), formPage.body);
    files.push(path.join(dir, 'commentForm.html'));
    for (const [name, url] of Object.entries(pages)) {
      const res = await site.khabar.app.inject(url);
      expect(res.statusCode, name).toBe(name === 'notFound' ? 404 : 200);
      const file = path.join(dir, `${name}.html`);
      writeFileSync(file, res.body);
      files.push(file);
    }
    expect(vnu(files)).toEqual([]);
  });

  it('does report a broken document (the check can fail)', () => {
    const file = path.join(dir, 'broken.html');
    writeFileSync(file, '<!doctype html><html lang="ar"><head></head><body><p><div></p></body></html>');
    expect(vnu([file]).length).toBeGreaterThan(0);
  });
});
