import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewComment } from '../../../src/domain/comment.js';
import { createSqliteStore } from '../../../src/store/sqlite/createSqliteStore.js';
import type { Store } from '../../../src/store/ports.js';

/** SQLite's plan of `statement` (the values of its parameters do not change it: no statistics). */
function planOf(file: string, statement: string): string {
  const raw = new Database(file, { readonly: true });
  try {
    const parameters = (statement.match(/\?/g) ?? []).map(() => 1);
    return (raw.prepare(`explain query plan ${statement}`).all(...parameters) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
  } finally {
    raw.close();
  }
}

/**
 * Statements whose cost must not grow with the archive, checked on SQLite's own plans. SQLite keeps
 * no statistics here, and its guesses went wrong on the store of a 100,000-post import. The plan
 * does not depend on the rows, so a small store shows it.
 */
describe('SQLite plans that must not grow with the archive', () => {
  let dir: string | null = null;
  let store: Store | null = null;
  let file = '';
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-plans-'));
    file = path.join(dir, 'khabar.db');
    store = createSqliteStore({ file });
    await store.migrate();
  });
  afterEach(async () => {
    await store?.close();
    store = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  /**
   * Beside `id IN (…)`, an equality on an indexed column (the status) looked cheaper to the planner
   * than the ids' primary key: it walked every article or comment of that status for each call
   * (7.6 ms for 100 ids at 100,000 articles, 1.8 ms for 2 ids among 54,000 approved comments).
   */
  it('reindex, comment moderation and deletion find the listed rows by primary key, not through the status index', async () => {
    if (!store) throw new Error('no store');
    const now = new Date('2026-11-30T08:00:00Z');
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const a = await store.articles.create({ slug: `مقال-${i}`, title: `خبر ${i}`, body: '<p>نص</p>', status: i === 5 ? 'draft' : 'published', publishedAt: now, readingMinutes: 1 });
      ids.push(a.id);
    }
    const comment = (fingerprint: string, status: NewComment['status']): NewComment => ({
      articleId: ids[0]!,
      parentId: null,
      depth: 1,
      authorName: 'قارئ',
      authorEmail: 'reader@example.ma',
      authorUrl: null,
      body: '<p>تعليق</p>',
      status,
      ipHash: 'a'.repeat(32),
      userAgent: 'test',
      fingerprint,
    });
    const comments = [];
    for (let i = 0; i < 4; i++) comments.push(await store.comments.create(comment(`f${i}`, i < 2 ? 'approved' : 'pending')));
    const commentIds = comments.map((c) => c.id);

    const sent: string[] = [];
    const stop = store.observeQueries((e) => sent.push(e.sql));
    // 12 ids in one batch: SQLite took the status index from 10 ids up for articles.
    expect((await store.reindex({ batchSize: 50 })).indexed).toBe(11);
    expect(await store.comments.setStatus(commentIds, 'spam')).toEqual(commentIds);
    expect(await store.comments.deleteForever(commentIds)).toEqual(commentIds);
    stop();

    const byIds = [...new Set(sent)].filter((s) => /from "(articles|comments)"/.test(s) || /^update "comments"/.test(s)).filter((s) => /"id" in \(/.test(s));
    // The article read of the reindex, two updates and the delete (with its select of the doomed rows).
    expect(byIds.length).toBeGreaterThanOrEqual(4);
    for (const statement of byIds) {
      const plan = planOf(file, statement);
      expect(plan, statement).toMatch(/USING INTEGER PRIMARY KEY/);
      expect(plan, statement).not.toMatch(/status/);
    }
  });

  /**
   * The moderation screen's default view (every status, newest first) and the dashboard's latest
   * comments read and sorted every comment for each page: 112 ms at 63,000 comments.
   */
  it('the moderation list, of every status or of one (the screen\'s views), walks an index newest first instead of sorting every comment', async () => {
    if (!store) throw new Error('no store');
    const sent: string[] = [];
    const stop = store.observeQueries((e) => sent.push(e.sql));
    await store.comments.list({}, { limit: 20, offset: 40 });
    await store.comments.list({ statuses: ['pending'] }, { limit: 20, offset: 0 });
    stop();
    const lists = sent.filter((s) => /order by "c"."created_at" desc/.test(s));
    expect(lists).toHaveLength(2);
    for (const statement of lists) {
      const plan = planOf(file, statement);
      expect(plan, statement).toMatch(/USING (COVERING )?INDEX/);
      expect(plan, statement).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });
});
