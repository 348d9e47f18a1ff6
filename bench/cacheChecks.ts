/**
 * The page cache's figures of issue #8 that are not plain throughput: a 500-request stampede on a
 * purged article (renders counted by `X-Cache: MISS`), publish → fresh latency from another
 * process (the harness writes to the store file like the CLI would; the server learns it from the
 * purge log), and filling the cache to measure RSS with it full. Used by bench/run.ts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createSqliteStore } from '../src/store/sqlite/createSqliteStore.js';

/** Purges the article's key through the store, waits for the server to apply it, then sends `n` requests at once. */
export async function stampede(options: { dbFile: string; slug: string; url: string; n: number }): Promise<{ renders: number; answered: number; ms: number }> {
  const store = createSqliteStore({ file: options.dbFile });
  try {
    const article = await store.articles.findBySlug(options.slug);
    if (!article) throw new Error(`stampede: no article ${options.slug}`);
    await fetch(options.url).then((r) => r.arrayBuffer());
    await store.purges.record([`article:${article.id}`]);
    // The server polls the purge log every 100 ms (SQLite): three polls is plenty.
    await sleep(350);
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: options.n }, async () => {
        const r = await fetch(options.url);
        await r.arrayBuffer();
        return { ok: r.status === 200, cache: r.headers.get('x-cache') };
      }),
    );
    return { renders: answers.filter((a) => a.cache === 'MISS').length, answered: answers.filter((a) => a.ok).length, ms: performance.now() - started };
  } finally {
    await store.close();
  }
}

/**
 * Corrects the article's title through the store (as another process would) and polls the cached
 * page every 10 ms until the new title shows; restores the title afterwards. Median of `rounds`.
 */
export async function publishToFresh(options: { dbFile: string; slug: string; url: string; rounds: number }): Promise<number[]> {
  const store = createSqliteStore({ file: options.dbFile });
  const times: number[] = [];
  try {
    const original = (await store.articles.findBySlug(options.slug))!;
    for (let round = 0; round < options.rounds; round++) {
      await fetch(options.url).then((r) => r.arrayBuffer());
      const marker = `تصحيح ${round + 1} ${Date.now()}`;
      const current = (await store.articles.findBySlug(options.slug))!;
      const started = performance.now();
      await store.articles.save({ id: current.id, expectedVersion: current.version, changes: { title: marker }, userId: null });
      for (;;) {
        const body = await fetch(options.url).then((r) => r.text());
        if (body.includes(marker)) break;
        if (performance.now() - started > 10_000) throw new Error('publish → fresh: not fresh after 10 s');
        await sleep(10);
      }
      times.push(performance.now() - started);
    }
    const current = (await store.articles.findBySlug(options.slug))!;
    await store.articles.save({ id: current.id, expectedVersion: current.version, changes: { title: original.title }, userId: null });
  } finally {
    await store.close();
  }
  return times;
}

/** Requests article pages listed by the sitemaps (16 at a time) until `limit` distinct pages were fetched. */
export async function fillCache(baseUrl: string, limit: number): Promise<number> {
  const index = await fetch(`${baseUrl}/sitemap.xml`).then((r) => r.text());
  const months = [...index.matchAll(/<loc>([^<]*sitemap-posts-[^<]*)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  const urls: string[] = [];
  for (const month of months.reverse()) {
    if (urls.length >= limit) break;
    const set = await fetch(baseUrl + month).then((r) => r.text());
    for (const m of set.matchAll(/<loc>([^<]*)<\/loc>/g)) urls.push(new URL(m[1]!).pathname);
  }
  const todo = urls.slice(0, limit);
  let fetched = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let url = todo.pop(); url !== undefined; url = todo.pop()) {
        await fetch(baseUrl + url).then((r) => r.arrayBuffer());
        fetched++;
      }
    }),
  );
  return fetched;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};
