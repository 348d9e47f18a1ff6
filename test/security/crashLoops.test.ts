import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/access.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { createUser } from '../../src/operations/accounts/createUser.js';
import { createArgon2PasswordHasher } from '../../src/operations/accounts/passwordHasher.js';
import { freePort, startServedNode, type ServedNode } from '../support/servedNode.js';
import { brokenInvariants, openPostgresForChecks, openSqliteForChecks, type RawQuery } from '../support/storeInvariants.js';
import { pgAvailable } from '../support/stores.js';
import { waitFor } from '../support/waitFor.js';
import { createImportTarget, type ImportTarget } from '../support/wxr/importTarget.js';

/**
 * Issue #10, crash safety: a real `khabar serve` (compiled, from dist/) is killed with SIGKILL while
 * clients write to it, again and again. After each kill the store is opened as the next process
 * would open it and checked: SQLite's integrity and foreign keys, our own cross-table rules
 * (test/support/storeInvariants.ts), and every write that was answered with success before the
 * kill is there, whole. The WordPress import's loop is in crashLoopsImport.test.ts.
 */

const PASSWORD = 'كلمة-سر-طويلة-للتحرير';
const WRITERS = 3;

/**
 * Kills per kind of write: SQLite always, fewer on PostgreSQL (it guarantees atomicity itself).
 * Each kill costs a server start (1–5 s on two shared cores); KHABAR_CRASH_KILLS raises it for a long run.
 */
const more = Number(process.env.KHABAR_CRASH_KILLS) || 0;
const KILLS = { sqlite: more || 5, postgres: more || 2 } as const;

interface Checked {
  kills: number;
  acknowledged: number;
  verified: number;
}

const figures: Record<string, Checked> = {};

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`khabar serve killed with SIGKILL under writes [${dialect}]`, () => {
    let target: ImportTarget;
    let port: number;
    let env: Record<string, string>;
    let node: ServedNode | null = null;
    let session: { cookie: string; csrf: string };
    let commentArticleId: number;
    let commentArticlePath: string;

    /** Opens the store as the next process would and returns what is broken (SQLite's checks too). */
    async function inspect<T>(use: (query: RawQuery) => Promise<T>): Promise<{ problems: string[]; result: T }> {
      if (dialect === 'sqlite') {
        const db = openSqliteForChecks(path.join(target.dir, 'khabar.db'));
        try {
          const problems = [...(db.integrity.join() === 'ok' ? [] : [`integrity_check: ${db.integrity.slice(0, 5).join('; ')}`])];
          if (db.foreignKeyViolations.length) problems.push(`foreign_key_check: ${JSON.stringify(db.foreignKeyViolations.slice(0, 5))}`);
          problems.push(...(await brokenInvariants(db.query)));
          return { problems, result: await use(db.query) };
        } finally {
          db.close();
        }
      }
      const db = await openPostgresForChecks(target.databaseUrl!);
      try {
        return { problems: await brokenInvariants(db.query), result: await use(db.query) };
      } finally {
        await db.end();
      }
    }

    async function start(): Promise<ServedNode> {
      node = await startServedNode({ port, home: target.dir, env });
      return node;
    }

    /** An admin API call with the session, its CSRF token and our origin (what the admin app sends). */
    function api(method: string, url: string, body?: object) {
      return fetch(`http://127.0.0.1:${port}/admin/api${url}`, {
        method,
        headers: { origin: `http://127.0.0.1:${port}`, cookie: session.cookie, 'x-csrf-token': session.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    }

    /**
     * Starts the server, runs WRITERS clients of `write` until `ackedOf()` has grown by a random
     * 3–14 since the start of this round, kills the server with SIGKILL while they still write,
     * and waits for the clients to stop (their requests fail once it is gone).
     */
    async function killUnderWrites(write: (worker: number) => Promise<void>, acked: () => number): Promise<void> {
      const server = await start();
      const before = acked();
      const goal = before + 3 + Math.floor(Math.random() * 12);
      let stopped = false;
      const failures: string[] = [];
      const workers = Array.from({ length: WRITERS }, async (_, worker) => {
        while (!stopped) {
          try {
            await write(worker);
          } catch (error) {
            if (!stopped) failures.push(String(error));
            return;
          }
        }
      });
      try {
        await waitFor(() => acked() >= goal || failures.length > 0, 30_000, `${goal - before} acknowledged writes`);
      } finally {
        // Requests in flight now fail with the process: not a failure of the write before the kill.
        stopped = true;
        await server.kill9();
        await Promise.all(workers);
        node = null;
      }
      expect(failures, 'a write failed before the kill').toEqual([]);
    }

    beforeAll(async () => {
      target = await createImportTarget(dialect);
      port = await freePort();
      const configFile = path.join(target.dir, 'khabar.config.json');
      // Comments published at once (so the approved count moves) and no flood limits: one client posts them all.
      writeFileSync(
        configFile,
        JSON.stringify({
          site: { comments: { moderation: 'open' } },
          limits: { commentsPerIpPerMinute: 10000, commentsPerIpPerHour: 100000, commentsPerEmailPerHour: 100000, commentMinFillSeconds: 0 },
        }),
      );
      env = { ...target.env, KHABAR_CONFIG: configFile, KHABAR_BASE_URL: `http://127.0.0.1:${port}` };
      const store = await target.open();
      try {
        await store.migrate();
        await createUser({ store, passwords: createArgon2PasswordHasher() }, systemActor('test'), { email: 'editor@khabar.example', displayName: 'محررة', role: 'editor', password: PASSWORD });
      } finally {
        await store.close();
      }
      // The first start loads the demo site; the session is kept by the store across restarts.
      await start();
      const login = await fetch(`http://127.0.0.1:${port}/admin/api/session`, {
        method: 'POST',
        headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'editor@khabar.example', password: PASSWORD }),
      });
      expect(login.status, await login.clone().text()).toBe(200);
      const token = /khabar_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
      session = { cookie: `khabar_session=${token}`, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
      const { result } = await inspect((q) => q("select id, slug, published_at from articles where status = 'published' and comments_open = 1 order by id limit 1"));
      const row = result[0]!;
      commentArticleId = Number(row.id);
      // The demo site's permalink structure and time zone.
      commentArticlePath = encodePath(
        createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca').build({ id: commentArticleId, slug: String(row.slug), publishedAt: new Date(String(row.published_at)), categoryPath: '', authorSlug: '' }),
      );
      await node!.stop();
      node = null;
    }, 120_000);

    afterAll(async () => {
      await node?.kill9();
      await target?.dispose();
      console.info(`[crash loops ${dialect}] ${JSON.stringify(Object.fromEntries(Object.entries(figures).filter(([k]) => k.startsWith(dialect))))}`);
    });

    it('keeps every acknowledged comment, and counts that agree with the comments', async () => {
      const acked = new Map<number, string>();
      let seq = 0;
      const post = async () => {
        const n = ++seq;
        const page = await fetch(`http://127.0.0.1:${port}${commentArticlePath}`);
        const html = await page.text();
        const token = /name="khabar_token" value="([^"]+)"/.exec(html)?.[1];
        if (!token) throw new Error(`no comment form (status ${page.status})`);
        const text = `تعليق تجربة الانهيار رقم ${n} ${dialect}`;
        const res = await fetch(`http://127.0.0.1:${port}/wp-comments-post.php`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${port}` },
          body: new URLSearchParams({ comment_post_ID: String(commentArticleId), khabar_token: token, author: `قارئ ${n}`, email: `r${n}@reader.example`, url: '', comment: text }).toString(),
        });
        const id = /#comment-(\d+)/.exec(res.headers.get('location') ?? '')?.[1];
        if (res.status >= 300 && res.status < 400 && id) acked.set(Number(id), text);
        else throw new Error(`comment ${n} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      };
      let verified = 0;
      for (let kill = 1; kill <= KILLS[dialect]; kill++) {
        await killUnderWrites(post, () => acked.size);
        const ids = [...acked.keys()];
        const { problems, result } = await inspect((q) => q(`select id, body, status from comments where id in (${ids.join(',')})`));
        expect(problems, `after kill ${kill}`).toEqual([]);
        const found = new Map(result.map((r) => [Number(r.id), String(r.body)]));
        const missing = ids.filter((id) => !found.get(id)?.includes(acked.get(id)!));
        expect(missing, `after kill ${kill}: acknowledged comments missing or changed`).toEqual([]);
        verified = ids.length;
      }
      figures[`${dialect} comments`] = { kills: KILLS[dialect], acknowledged: acked.size, verified };
    }, 180_000);

    it('keeps every acknowledged publication: the article published, with its revision and search entry', async () => {
      const published = new Set<number>();
      let seq = 0;
      const publish = async () => {
        const n = ++seq;
        const created = await api('POST', '/articles', { title: `مقال تجربة الانهيار ${n}`, body: `<p>نص المقال ${n}</p>` });
        if (created.status !== 201) throw new Error(`create ${n} answered ${created.status}: ${await created.text()}`);
        const id = ((await created.json()) as { article: { id: number } }).article.id;
        const res = await api('POST', `/articles/${id}/publish`, {});
        if (res.status !== 200) throw new Error(`publish ${id} answered ${res.status}: ${await res.text()}`);
        published.add(id);
      };
      let verified = 0;
      for (let kill = 1; kill <= KILLS[dialect]; kill++) {
        await killUnderWrites(publish, () => published.size);
        const ids = [...published];
        const { problems, result } = await inspect((q) =>
          q(`select a.id from articles a join search_documents s on s.article_id = a.id where a.status = 'published' and a.id in (${ids.join(',')})`),
        );
        expect(problems, `after kill ${kill}`).toEqual([]);
        const found = new Set(result.map((r) => Number(r.id)));
        expect(ids.filter((id) => !found.has(id)), `after kill ${kill}: acknowledged publications missing`).toEqual([]);
        verified = ids.length;
      }
      figures[`${dialect} publications`] = { kills: KILLS[dialect], acknowledged: published.size, verified };
    }, 180_000);

    it('keeps every acknowledged revision save', async () => {
      // One draft per writer, so saves never conflict; each answer names the version it made.
      const drafts: { id: number; version: number }[] = [];
      const saved = new Map<string, string>();
      let seq = 0;
      const save = async (worker: number) => {
        const draft = drafts[worker]!;
        const n = ++seq;
        const body = `<p>مراجعة رقم ${n}</p>`;
        const res = await api('PATCH', `/articles/${draft.id}`, { version: draft.version, body });
        if (res.status === 409) {
          // The save before the last kill committed but its answer was lost: reload, as the editor would.
          const current = await api('GET', `/articles/${draft.id}`);
          draft.version = ((await current.json()) as { article: { version: number } }).article.version;
          return;
        }
        if (res.status !== 200) throw new Error(`save ${n} answered ${res.status}: ${await res.text()}`);
        draft.version = ((await res.json()) as { article: { version: number } }).article.version;
        saved.set(`${draft.id}:${draft.version}`, `مراجعة رقم ${n}`);
      };
      let verified = 0;
      for (let kill = 1; kill <= KILLS[dialect]; kill++) {
        if (drafts.length === 0) {
          await start();
          for (let w = 0; w < WRITERS; w++) {
            const res = await api('POST', '/articles', { title: `مسودة ${w}` });
            drafts.push({ id: ((await res.json()) as { article: { id: number; version: number } }).article.id, version: 1 });
          }
          await node!.stop();
        }
        await killUnderWrites(save, () => saved.size);
        const ids = drafts.map((d) => d.id);
        const { problems, result } = await inspect((q) => q(`select article_id, version, body from article_revisions where article_id in (${ids.join(',')})`));
        expect(problems, `after kill ${kill}`).toEqual([]);
        const found = new Map(result.map((r) => [`${Number(r.article_id)}:${Number(r.version)}`, String(r.body)]));
        const missing = [...saved].filter(([key, marker]) => !found.get(key)?.includes(marker)).map(([key]) => key);
        expect(missing, `after kill ${kill}: acknowledged revisions missing or changed`).toEqual([]);
        verified = saved.size;
      }
      figures[`${dialect} revisions`] = { kills: KILLS[dialect], acknowledged: saved.size, verified };
    }, 180_000);
  });
}
