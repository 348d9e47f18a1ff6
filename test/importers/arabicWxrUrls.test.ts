import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { buildKhabar, type Khabar } from '../../src/main.js';
import { runCli } from '../support/runCli.js';
import { pgAvailable } from '../support/stores.js';
import { haveArabicCorpus, readArabicCorpus } from '../support/wxr/arabicCorpus.js';
import { followToPage, visibleText } from '../support/wxr/followToPage.js';
import { ARABIC_SITE_URL, generateArabicWxr, type ArabicExportSummary } from '../support/wxr/generateArabicWxr.js';
import { createImportTarget, type ImportTarget } from '../support/wxr/importTarget.js';
import { authorNicename, type WxrItem } from '../support/wxr/writeWxr.js';
import { WP_SLUG_MAX } from '../support/wxr/wpSlug.js';

/**
 * Issue #7: an Arabic WordPress site of 1,000 posts, exported in WordPress's own format
 * (percent-encoded lowercase Arabic slugs up to WordPress's 200 bytes, Arabic category nicenames
 * in a hierarchy, attachments, threaded comments, a few drafts and private posts), imported with
 * `khabar import wordpress`, then every old URL a reader or a search engine may hold is requested:
 * post links, `?p=ID`, `/amp/`, per-post comment feeds, pages and `?page_id=`, attachment pages and
 * `?attachment_id=`, category (with their parents in the path, as WordPress links them), tag and
 * author archives and their feeds, the site feed. Each must answer 200, or 301 to a page of the
 * site that answers 200 and shows what the old URL showed. Never-published posts must not show.
 */

const NOW = new Date('2026-11-29T10:00:00.000Z');

/**
 * The common news structure at full size, then the hardest one smaller: the primary category's
 * whole Arabic path (parents first, the one with the lowest term id, as WordPress picks it) before
 * a long slug.
 */
const EXPORTS = [
  { structure: '/%year%/%monthnum%/%day%/%postname%/', posts: 1000, seed: 7 },
  { structure: '/%category%/%postname%/', posts: 200, seed: 8 },
];

interface OldUrl {
  /** What kind of old URL (the failure message counts them by kind). */
  kind: string;
  url: string;
  /** What the landing page must show (a title or name), or 'feed'. */
  expect: string;
  /** An attachment page may also send readers to the file itself. */
  fileUrl?: string;
}

const squash = (text: string) => text.replace(/\s+/gu, '');

for (const { structure, posts: POSTS, seed } of EXPORTS)
for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(!haveArabicCorpus || (dialect === 'postgres' && !pgAvailable))(`Arabic WordPress export of ${POSTS} posts, ${structure}: every old URL after import [${dialect}]`, () => {
    let target: ImportTarget;
    let khabar: Khabar;
    let summary: ArabicExportSummary;
    let report: { counts?: Record<string, { created: number; updated: number; skipped: number; failed: number }> };
    const items: Array<{ item: WxrItem; link: string }> = [];

    beforeAll(async () => {
      target = await createImportTarget(dialect);
      const file = path.join(target.dir, 'akhbar.WordPress.xml');
      const corpus = await readArabicCorpus(1500);
      summary = await generateArabicWxr({
        out: createWriteStream(file),
        posts: POSTS,
        seed,
        permalinkStructure: structure,
        corpus,
        tags: 300,
        onItem: (item, link) => items.push({ item: { ...item, content: '', comments: item.comments?.map((c) => ({ ...c, content: '' })) ?? [] }, link }),
      });
      const reportFile = path.join(target.dir, 'report.json');
      const run = await runCli(['import', 'wordpress', file, '--report', reportFile], { home: target.dir, env: target.env, timeoutMs: 240_000 });
      if (run.code !== 0) throw new Error(`khabar import wordpress exited with ${run.code}:\n${run.stderr}\n${run.stdout.slice(-2000)}`);
      report = JSON.parse(readFileSync(reportFile, 'utf8')) as typeof report;
      const config = loadConfig({ env: target.env, overrides: { env: 'test', baseUrl: ARABIC_SITE_URL, logLevel: 'silent' } });
      khabar = await buildKhabar({ config, logger: pino({ level: 'silent' }), now: () => NOW, demo: false, adminApp: null, jobs: false });
    }, 300_000);

    afterAll(async () => {
      await khabar?.close();
      await target?.dispose();
    });

    it('the export is the hard case: long encoded slugs, nested Arabic categories, lowercase hex', () => {
      const posts = items.filter((i) => i.item.type === 'post' && i.item.slug);
      expect(posts.filter((p) => p.item.slug.length > WP_SLUG_MAX - 12).length).toBeGreaterThan(POSTS / 10);
      expect(posts.every((p) => /^[%0-9a-z_-]+$/.test(p.item.slug))).toBe(true);
      expect(summary.categories.filter((c) => c.parent).length).toBeGreaterThan(15);
      if (structure.includes('%category%')) {
        const nested = summary.categories.filter((c) => c.parent).map((c) => `/${c.parent}/${c.slug}/`);
        expect(posts.filter((p) => nested.some((n) => p.link.includes(n))).length).toBeGreaterThan(POSTS / 10);
      }
      expect(summary.categories.some((c) => c.slug.length > WP_SLUG_MAX - 12)).toBe(true);
      expect(report.counts?.articles).toMatchObject({ failed: 0 });
      expect((report.counts?.articles?.created ?? 0) + (report.counts?.articles?.updated ?? 0)).toBe(summary.posts);
    });

    it('answers every old URL with 200, or 301 to a page that answers 200 and shows the same thing', async () => {
      const site = summary.site.url;
      const publicPost = (i: WxrItem) => i.type === 'post' && i.status === 'publish' && !i.password;
      const byId = new Map(items.map((i) => [i.item.id, i]));
      const urls: OldUrl[] = [{ kind: 'site feed', url: `${site}/feed/`, expect: 'feed' }];
      const usedCategories = new Set<string>();
      const usedTags = new Set<string>();
      const usedAuthors = new Set<string>();
      for (const { item, link } of items) {
        if (publicPost(item)) {
          urls.push(
            { kind: 'post link', url: link, expect: item.title },
            { kind: '?p=', url: `${site}/?p=${item.id}`, expect: item.title },
            { kind: 'amp', url: `${link}amp/`, expect: item.title },
          );
          if (item.comments?.some((c) => c.approved === '1' && c.type === 'comment')) urls.push({ kind: 'comment feed', url: `${link}feed/`, expect: 'feed' });
          for (const c of item.categories ?? []) usedCategories.add(c);
          for (const t of item.tags ?? []) usedTags.add(t);
          usedAuthors.add(item.author);
        } else if (item.type === 'page' && item.status === 'publish') {
          urls.push({ kind: 'page', url: link, expect: item.title }, { kind: '?page_id=', url: `${site}/?page_id=${item.id}`, expect: item.title });
        } else if (item.type === 'attachment' && publicPost(byId.get(item.parent ?? 0)?.item ?? item)) {
          urls.push(
            { kind: 'attachment page', url: link, expect: '', fileUrl: item.attachmentUrl! },
            { kind: '?attachment_id=', url: `${site}/?attachment_id=${item.id}`, expect: '', fileUrl: item.attachmentUrl! },
          );
        }
      }
      const categories = new Map(summary.categories.map((c) => [c.slug, c]));
      for (const slug of usedCategories) {
        const trail: string[] = [];
        for (let c = categories.get(slug); c; c = c.parent ? categories.get(c.parent) : undefined) trail.unshift(c.slug);
        const name = categories.get(slug)!.name;
        urls.push(
          { kind: 'category', url: `${site}/category/${trail.join('/')}/`, expect: name },
          { kind: 'category feed', url: `${site}/category/${trail.join('/')}/feed/`, expect: 'feed' },
        );
      }
      const tagNames = new Map(summary.tags.map((t) => [t.slug, t.name]));
      for (const slug of usedTags) {
        urls.push({ kind: 'tag', url: `${site}/tag/${slug}/`, expect: tagNames.get(slug)! }, { kind: 'tag feed', url: `${site}/tag/${slug}/feed/`, expect: 'feed' });
      }
      for (const a of summary.authors.filter((x) => usedAuthors.has(x.login))) {
        urls.push(
          { kind: 'author', url: `${site}/author/${authorNicename(a.login)}/`, expect: a.displayName },
          { kind: 'author feed', url: `${site}/author/${authorNicename(a.login)}/feed/`, expect: 'feed' },
        );
      }
      expect(urls.length).toBeGreaterThan(3 * 0.9 * POSTS);

      const failures: string[] = [];
      const failedKinds = new Map<string, number>();
      for (const old of urls) {
        const before = failures.length;
        const landing = await followToPage(khabar.app, old.url, site);
        const where = `${old.url} → ${landing.first}${landing.location ? ` ${landing.location} → ${landing.status}` : ''}`;
        if (landing.first !== 200 && landing.first !== 301) failures.push(`${where} (expected 200 or 301)`);
        else if (old.fileUrl && landing.location === old.fileUrl) continue;
        else if (landing.status !== 200) failures.push(`${where} (expected to land on a 200)`);
        else if (old.expect === 'feed' && !/xml|rss|atom|json/.test(landing.contentType)) failures.push(`${where} (not a feed: ${landing.contentType})`);
        else if (old.expect && old.expect !== 'feed' && !squash(visibleText(landing.body)).includes(squash(old.expect))) failures.push(`${where} (the page does not show «${old.expect}»)`);
        if (failures.length > before) failedKinds.set(old.kind, (failedKinds.get(old.kind) ?? 0) + 1);
      }
      const byKind = [...failedKinds].map(([k, n]) => `${k}: ${n}`).join(', ');
      expect(failures.slice(0, 25), `${failures.length} of ${urls.length} old URLs fail (${byKind})`).toEqual([]);
    }, 600_000);

    it('does not show never-published or private posts at their old URLs', async () => {
      const hidden = items.filter(({ item }) => item.type === 'post' && (item.status === 'draft' || item.status === 'pending' || item.status === 'future' || item.status === 'private'));
      expect(hidden.length).toBeGreaterThan(0);
      const shown: string[] = [];
      for (const { item, link } of hidden) {
        for (const url of new Set([link, `${summary.site.url}/?p=${item.id}`])) {
          const landing = await followToPage(khabar.app, url, summary.site.url);
          if (landing.status === 200 && squash(visibleText(landing.body)).includes(squash(item.title))) shown.push(`${item.status} ${url}`);
        }
      }
      expect(shown).toEqual([]);
    }, 120_000);
  });
}
