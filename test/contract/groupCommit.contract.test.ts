import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewComment } from '../../src/domain/comment.js';
import type { Store } from '../../src/store/ports.js';
import { createGroupCommit } from '../../src/store/shared/groupCommit.js';
import type { Database as Schema } from '../../src/store/shared/schema.js';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';

/**
 * Group commit on the SQLite store (decision 018): concurrent comment writes share one transaction,
 * each caller is answered only once that transaction is on disk, a failing write takes nothing else
 * down, and a failed commit fails every write of its group. A second connection to the same file
 * checks what is really committed.
 */
describe('group commit on the SQLite store (SQLite only: PostgreSQL commits concurrent transactions itself)', () => {
  let dir: string;
  let file: string;
  let store: Store;
  let reader: Database.Database;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-group-commit-'));
    file = path.join(dir, 'khabar.db');
    store = createSqliteStore({ file });
    await store.migrate();
    reader = new Database(file, { readonly: true });
  });
  afterEach(async () => {
    reader.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const comment = (articleId: number, n: number, extra: Partial<NewComment> = {}): NewComment => ({
    articleId,
    parentId: null,
    depth: 1,
    authorName: `قارئ ${n}`,
    authorEmail: `r${n}@example.ma`,
    authorUrl: null,
    body: `<p>تعليق ${n}</p>`,
    status: 'approved',
    ipHash: null,
    userAgent: null,
    fingerprint: `fp${n}`,
    ...extra,
  });
  const committed = (id: number) => reader.prepare('select count(*) as n from comments where id = ?').get(id) as { n: number };

  it('answers each of 50 concurrent comments only after the one transaction they shared committed', async () => {
    const article = await store.articles.create({ slug: 'مقال', title: 'مقال', body: '<p>نص</p>', status: 'published', publishedAt: new Date(), readingMinutes: 1 });
    const version = await store.contentVersion();
    const seenOnDisk: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        store.comments.create(comment(article.id, n)).then((c) => {
          // Answered: another connection to the file must already see it.
          seenOnDisk.push(committed(c.id).n);
        }),
      ),
    );
    expect(seenOnDisk).toEqual(Array(50).fill(1));
    expect((await store.articles.findById(article.id))!.commentCount).toBe(50);
    // One group: the count moved by 50 in one statement, the version once.
    expect((await store.contentVersion()) - version).toBe(1);
  });

  it('rolls back only the write that failed; the others of its group commit with exact counts', async () => {
    const article = await store.articles.create({ slug: 'مقال-٢', title: 'مقال ٢', body: '<p>نص</p>', status: 'published', publishedAt: new Date(), readingMinutes: 1 });
    const results = await Promise.allSettled(
      Array.from({ length: 9 }, (_, n) => store.comments.create(comment(article.id, n, n === 4 ? { parentId: 999_999, depth: 2 } : {}))),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(String((results[4] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/i);
    expect((reader.prepare('select count(*) as n from comments where article_id = ?').get(article.id) as { n: number }).n).toBe(8);
    expect((await store.articles.findById(article.id))!.commentCount).toBe(8);
  });

  it('fails every write of a group whose commit fails, and stores none of them', async () => {
    // A deferred foreign key is checked at COMMIT: an orphan row lets its unit succeed and the commit fail.
    const sqlite = new Database(path.join(dir, 'deferred.db'));
    sqlite.exec(`create table parent (id integer primary key);
      create table child (id integer primary key, parent_id integer references parent(id) deferrable initially deferred);
      insert into parent (id) values (1);`);
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
    const group = createGroupCommit(db);
    const insert = (id: number, parent: number) =>
      group.run(async (conn) => {
        await conn.executeQuery(CompiledQuery.raw('insert into child (id, parent_id) values (?, ?)', [id, parent]));
        return id;
      });
    const doomed = await Promise.allSettled([insert(1, 1), insert(2, 42), insert(3, 1)]);
    expect(doomed.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((sqlite.prepare('select count(*) as n from child').get() as { n: number }).n).toBe(0);
    // The next group is not affected.
    expect(await Promise.all([insert(4, 1), insert(5, 1)])).toEqual([4, 5]);
    expect((sqlite.prepare('select count(*) as n from child').get() as { n: number }).n).toBe(2);
    await db.destroy();
  });
});
