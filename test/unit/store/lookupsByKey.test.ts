import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewComment } from '../../../src/domain/comment.js';
import { createSqliteStore } from '../../../src/store/sqlite/createSqliteStore.js';
import type { Store } from '../../../src/store/ports.js';

/**
 * SQLite keeps no statistics here, so beside `id IN (…)` an equality on an indexed column (the
 * status) looked cheaper to its planner than the ids' primary key: it walked every article or
 * comment of that status for each call (7.6 ms for 100 ids at 100,000 articles, 1.8 ms for 2 ids
 * among 54,000 approved comments). The plan does not depend on the rows, so a small store shows it:
 * every statement these operations send that looks rows up by a list of ids must use the key.
 */
describe('SQLite: rows looked up by a list of ids are found by primary key', () => {
  let dir: string | null = null;
  let store: Store | null = null;
  afterEach(async () => {
    await store?.close();
    store = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('reindex, comment moderation and deletion: no status index walked for the ids', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-bykey-'));
    const file = path.join(dir, 'khabar.db');
    store = createSqliteStore({ file });
    await store.migrate();
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
    const raw = new Database(file, { readonly: true });
    try {
      for (const statement of byIds) {
        const parameters = (statement.match(/\?/g) ?? []).map(() => 1);
        const plan = (raw.prepare(`explain query plan ${statement}`).all(...parameters) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
        expect(plan, statement).toMatch(/USING INTEGER PRIMARY KEY/);
        expect(plan, statement).not.toMatch(/status/);
      }
    } finally {
      raw.close();
    }
  });
});
