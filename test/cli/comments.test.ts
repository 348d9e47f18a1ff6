import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, type CliRun } from '../support/runCli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment, CommentStatus } from '../../src/domain/comment.js';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';

const temp = mkdtempSync(path.join(tmpdir(), 'khabar-comments-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const khabar = (args: string[], env: Record<string, string>): Promise<CliRun> => runCli(args, { home: temp, env });

describe('khabar comments', () => {
  const dataDir = path.join(temp, 'site');
  const env = { KHABAR_DATA_DIR: dataDir };
  const file = path.join(dataDir, 'khabar.db');
  let articleId = 0;
  let otherArticleId = 0;
  const seeded: Comment[] = [];

  /** Reads the store the CLI wrote, then closes it. */
  async function inStore<T>(work: (store: ReturnType<typeof createSqliteStore>) => Promise<T>): Promise<T> {
    const store = createSqliteStore({ file });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }
  const statuses = () => inStore(async (store) => (await store.comments.findByIds(seeded.map((c) => c.id))).sort((a, b) => a.id - b.id).map((c) => c.status));

  beforeAll(async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    await inStore(async (store) => {
      await store.migrate();
      const publishedAt = new Date('2026-11-28T10:00:00.000Z');
      const a = await store.articles.create({ slug: 'مقال', title: 'مقال', body: '<p>نص</p>', status: 'published', publishedAt, readingMinutes: 1 });
      const b = await store.articles.create({ slug: 'آخر', title: 'آخر', body: '<p>نص</p>', status: 'published', publishedAt, readingMinutes: 1 });
      articleId = a.id;
      otherArticleId = b.id;
      const states: Array<[number, CommentStatus, string]> = [
        [a.id, 'pending', '<p>سؤال عن <b>الموضوع</b> &amp; تفاصيله</p>'],
        [a.id, 'pending', '<p>تعليق ثانٍ</p>'],
        [a.id, 'approved', '<p>تعليق منشور</p>'],
        [b.id, 'pending', '<p>على مقال آخر</p>'],
      ];
      for (const [i, [id, status, body]] of states.entries()) {
        seeded.push(
          await store.comments.create({
            articleId: id,
            parentId: null,
            depth: 1,
            authorName: `قارئ ${i}`,
            authorEmail: `reader${i}@example.ma`,
            authorUrl: null,
            body,
            status,
            ipHash: null,
            userAgent: null,
            fingerprint: `cli-${i}`,
          }),
        );
      }
    });
  });

  it('has --help on comments and each of its commands', async () => {
    const top = await khabar(['comments', '--help'], env);
    expect(top.code).toBe(0);
    for (const command of ['list', 'approve', 'spam', 'trash']) expect(top.stdout).toContain(command);
    const list = await khabar(['comments', 'list', '--help'], env);
    expect(list.stdout).toContain('Usage: khabar comments list');
    expect(list.stdout).toMatch(/--status[\s\S]*--article[\s\S]*--limit/);
  });

  it('lists comments as a compact table with per-state counts, filtered by state and article', async () => {
    const all = await khabar(['comments', 'list'], env);
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+ARTICLE\s+CREATED\s+AUTHOR\s+EMAIL\s+TEXT$/);
    expect(lines).toHaveLength(1 + 4 + 1);
    // Newest first (same instant: higher id first); text without markup, entities decoded.
    expect(lines[1]).toMatch(new RegExp(`^${seeded[3]!.id}\\s+pending\\s+${otherArticleId}\\s`));
    expect(lines[4]).toContain('سؤال عن الموضوع & تفاصيله');
    expect(lines[4]).toContain('reader0@example.ma');
    expect(lines.at(-1)).toBe('4 of 4 shown (pending 3, approved 1, spam 0, trash 0)');

    const pending = await khabar(['comments', 'list', '--status', 'pending', '--article', String(articleId), '--limit', '1'], env);
    expect(pending.code).toBe(0);
    const rows = pending.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(new RegExp(`^${seeded[1]!.id}\\s+pending\\s+${articleId}\\s`));
    expect(rows[2]).toBe('1 of 2 shown (pending 2, approved 1, spam 0, trash 0)');
  });

  it('approves, marks spam and trashes, one line per comment', async () => {
    const [first, second, shown, other] = seeded.map((c) => c.id);
    const approve = await khabar(['comments', 'approve', String(first), String(shown)], env);
    expect(approve.code).toBe(0);
    expect(approve.stdout).toBe(`comment #${first} approved\ncomment #${shown} unchanged (already approved)\n`);
    expect(await inStore(async (store) => (await store.articles.findById(articleId))!.commentCount)).toBe(2);

    const spam = await khabar(['comments', 'spam', String(second), String(first)], env);
    expect(spam.stdout).toBe(`comment #${Math.min(first!, second!)} marked spam\ncomment #${Math.max(first!, second!)} marked spam\n`);
    const trash = await khabar(['comments', 'trash', String(other)], env);
    expect(trash.stdout).toBe(`comment #${other} trashed\n`);
    expect(await statuses()).toEqual(['spam', 'spam', 'approved', 'trash']);
    expect(await inStore(async (store) => (await store.articles.findById(articleId))!.commentCount)).toBe(1);
  });

  it('fails with one line `khabar: CODE: message` and exit 1, changing nothing', async () => {
    const before = await statuses();
    const cases: Array<[string[], RegExp]> = [
      [['comments', 'approve', String(seeded[0]!.id), '999999'], /^khabar: NOT_FOUND: no comment 999999\n$/],
      [['comments', 'trash', 'abc'], /^khabar: INVALID_INPUT: not a comment id: "abc"\n$/],
      [['comments', 'list', '--status', 'deleted'], /^khabar: INVALID_INPUT: status must be one of pending, approved, spam, trash\n$/],
      [['comments', 'list', '--article', 'x'], /^khabar: INVALID_INPUT: article must be a whole number/],
    ];
    for (const [args, expected] of cases) {
      const run = await khabar(args, env);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(expected);
      expect(run.stdout).toBe('');
    }
    expect(await statuses()).toEqual(before);
    const badLimit = await khabar(['comments', 'list', '--limit', '0'], env);
    expect(badLimit.code).toBe(1);
    expect(badLimit.stderr).toContain('expected a whole number from 1 to 100');
  });
});
