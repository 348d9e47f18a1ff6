import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenInvariants, IMPORT_ONLY_INVARIANTS, openPostgresForChecks, openSqliteForChecks, openSqliteReader, STORE_INVARIANTS, type RawQuery } from '../support/storeInvariants.js';
import { freePort, startServedNode } from '../support/servedNode.js';
import { pgAvailable } from '../support/stores.js';
import { waitFor } from '../support/waitFor.js';
import { haveArabicCorpus, readArabicCorpus } from '../support/wxr/arabicCorpus.js';
import { generateArabicWxr, type ArabicExportSummary } from '../support/wxr/generateArabicWxr.js';
import { createImportTarget, type ImportTarget } from '../support/wxr/importTarget.js';

/**
 * Issue #10, crash safety of the WordPress import: `khabar import wordpress` (compiled, from dist/)
 * is killed with SIGKILL as soon as the store holds more articles than after the previous kill,
 * again and again, then run to the end. After every kill: SQLite's integrity and foreign keys,
 * the store's cross-table rules, and no batch half applied (every imported row has its import key,
 * every key its row). At the end the store holds the file once. test/importers/wxrKillRerun.test.ts
 * checks one kill article by article.
 */

/**
 * SQLite: 1,200 posts in transactions of 500 (the default), so the index is rebuilt at the end.
 * PostgreSQL: fewer posts in transactions of 100, indexed batch by batch (slower per row here).
 */
const POSTS = { sqlite: 1200, postgres: 400 } as const;
const BATCH = { sqlite: [], postgres: ['--batch-size', '100'] } as const;

/**
 * From 1,000 posts the import rebuilds the search index once at the end (importWordpress.ts,
 * INDEX_AT_END_FROM): a killed run leaves its published articles unsearchable until the re-run
 * (or `khabar reindex`). So between kills that one rule is expected to be broken; after the last run it must hold.
 */
const { ['published article missing from the search index']: _indexedAtEnd, ...BETWEEN_KILLS } = STORE_INVARIANTS;
const more = Number(process.env.KHABAR_CRASH_KILLS) || 0;
const KILLS = { sqlite: more || 6, postgres: more || 2 } as const;

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(!haveArabicCorpus || (dialect === 'postgres' && !pgAvailable))(`WordPress import killed with SIGKILL again and again [${dialect}]`, () => {
    let target: ImportTarget;
    let file: string;
    let summary: ArabicExportSummary;

    async function withStore<T>(use: (query: RawQuery, sqliteProblems: string[]) => Promise<T>): Promise<T> {
      if (dialect === 'sqlite') {
        const db = openSqliteForChecks(path.join(target.dir, 'khabar.db'));
        try {
          const problems = db.integrity.join() === 'ok' ? [] : [`integrity_check: ${db.integrity.slice(0, 5).join('; ')}`];
          if (db.foreignKeyViolations.length) problems.push(`foreign_key_check: ${JSON.stringify(db.foreignKeyViolations.slice(0, 5))}`);
          return await use(db.query, problems);
        } finally {
          db.close();
        }
      }
      const db = await openPostgresForChecks(target.databaseUrl!);
      try {
        return await use(db.query, []);
      } finally {
        await db.end();
      }
    }

    const countOf = (query: RawQuery, table: string) => query(`select count(*) as n from ${table}`).then((rows) => Number(rows[0]!.n));

    beforeAll(async () => {
      target = await createImportTarget(dialect);
      file = path.join(target.dir, 'export.xml');
      summary = await generateArabicWxr({ out: createWriteStream(file), posts: POSTS[dialect], seed: 21, corpus: await readArabicCorpus(POSTS[dialect] + 200), tags: 200, commentRate: 0.3 });
      await withStore(async () => {}); // creates the SQLite file so it can be polled
    }, 120_000);

    afterAll(async () => {
      await target?.dispose();
    });

    it('leaves no batch half applied after any kill, and the file once after the last run', async () => {
      const killedAt: number[] = [];
      let finishedEarly = false;
      let indexRepairedByServe = false;
      for (let kill = 1; kill <= KILLS[dialect]; kill++) {
        const before = killedAt.at(-1) ?? 0;
        const child = spawn(process.execPath, ['dist/cli/run.js', 'import', 'wordpress', file, ...BATCH[dialect]], {
          env: { PATH: process.env.PATH ?? '', HOME: target.dir, KHABAR_LOG_LEVEL: 'silent', ...target.env },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
        let done = false;
        void exited.then(() => (done = true));
        // The polling connection is opened once per run (SQLite in WAL reads beside the writer).
        const poll = dialect === 'sqlite' ? null : await openPostgresForChecks(target.databaseUrl!);
        const sqlitePoll = dialect === 'sqlite' ? openSqliteReader(path.join(target.dir, 'khabar.db')) : null;
        try {
          await waitFor(
            async () => done || (await countOf(poll?.query ?? sqlitePoll!.query, 'articles').catch(() => 0)) > before,
            120_000,
            `the import to write more than ${before} articles`,
          );
        } finally {
          child.kill('SIGKILL');
          await exited;
          await poll?.end();
          sqlitePoll?.close();
        }
        if (done && child.signalCode === null) {
          expect(child.exitCode, stderr).toBe(0);
          finishedEarly = true;
          break;
        }
        const { problems, articles } = await withStore(async (query, sqliteProblems) => ({
          problems: [...sqliteProblems, ...(await brokenInvariants(query, { ...BETWEEN_KILLS, ...IMPORT_ONLY_INVARIANTS }))],
          articles: await countOf(query, 'articles'),
        }));
        expect(problems, `after kill ${kill} (${articles} articles)`).toEqual([]);
        expect(articles, `after kill ${kill}`).toBeGreaterThan(before);
        killedAt.push(articles);
        if (kill <= 2 && POSTS[dialect] >= 1000) {
          // The killed run left published articles out of the index (it indexes at the end): the
          // next start of the app sees fewer indexed than published articles and rebuilds it. After
          // the second kill the index is not empty (the first start filled it) — the case a start
          // used to leave alone, as it rebuilt only an empty index.
          const unindexed = { 'published article missing from the search index': STORE_INVARIANTS['published article missing from the search index']! };
          expect(await withStore((query) => brokenInvariants(query, unindexed))).not.toEqual([]);
          if (kill === 2) expect(await withStore((query) => countOf(query, 'search_documents'))).toBeGreaterThan(0);
          const node = await startServedNode({ port: await freePort(), home: target.dir, env: target.env, timeoutMs: 120_000 });
          await node.stop();
          expect(await withStore((query) => brokenInvariants(query, unindexed)), 'after khabar serve started once').toEqual([]);
          indexRepairedByServe = true;
        }
      }

      // The last run, to the end.
      const last = spawn(process.execPath, ['dist/cli/run.js', 'import', 'wordpress', file, ...BATCH[dialect]], {
        env: { PATH: process.env.PATH ?? '', HOME: target.dir, KHABAR_LOG_LEVEL: 'silent', ...target.env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      last.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => last.on('close', resolve));
      expect(code, stderr).toBe(0);
      await withStore(async (query, sqliteProblems) => {
        expect([...sqliteProblems, ...(await brokenInvariants(query, { ...STORE_INVARIANTS, ...IMPORT_ONLY_INVARIANTS }))]).toEqual([]);
        expect(await countOf(query, 'articles')).toBe(summary.posts);
        expect(await countOf(query, 'pages')).toBe(summary.pages);
        expect(await countOf(query, 'comments')).toBe(summary.comments.total - summary.comments.pingbacks);
        expect(await countOf(query, 'sections')).toBe(summary.categories.length);
        expect(await countOf(query, 'tags')).toBe(summary.tags.length);
      });
      console.info(`[crash loops ${dialect} import] ${JSON.stringify({ kills: killedAt.length, articlesAtEachKill: killedAt, posts: summary.posts, finishedBeforeAKill: finishedEarly, indexRepairedByServe })}`);
      expect(killedAt.length, 'the import finished before it could be killed even once').toBeGreaterThan(0);
    }, 420_000);
  });
}
