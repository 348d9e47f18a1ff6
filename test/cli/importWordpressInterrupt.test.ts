import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import { runCli, startCli } from '../support/runCli.js';
import { waitFor } from '../support/waitFor.js';
import { haveArabicCorpus, readArabicCorpus } from '../support/wxr/arabicCorpus.js';
import { generateArabicWxr, type ArabicExportSummary } from '../support/wxr/generateArabicWxr.js';
import { createImportTarget, type ImportTarget } from '../support/wxr/importTarget.js';

/**
 * `khabar import wordpress` and Ctrl-C: the first SIGINT stops the import after the current batch
 * and finishes what was written (exit code 130, the summary and the report say so); the articles
 * written are all searchable (a file this size is indexed at the end); a re-run completes it.
 */
const POSTS = 1500;

describe.skipIf(!haveArabicCorpus)('khabar import wordpress interrupted with Ctrl-C', () => {
  let target: ImportTarget;
  let store: Store;
  let file: string;
  let summary: ArabicExportSummary;

  beforeAll(async () => {
    target = await createImportTarget('sqlite');
    file = path.join(target.dir, 'export.xml');
    summary = await generateArabicWxr({ out: createWriteStream(file), posts: POSTS, seed: 5, corpus: await readArabicCorpus(POSTS), tags: 100, commentRate: 0.2, imageRate: 0 });
    store = await target.open();
    await store.migrate();
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await target?.dispose();
  });

  it('stops after the current batch, finishes what it wrote, exits 130; a re-run completes it', { timeout: 300_000 }, async () => {
    const reportFile = path.join(target.dir, 'first.json');
    const cli = startCli(['import', 'wordpress', file, '--batch-size', '50', '--report', reportFile], { home: target.dir, env: target.env });
    await waitFor(
      async () => {
        if (cli.finished()) throw new Error(`the import ended before it could be interrupted:\n${cli.output().slice(-2000)}`);
        return (await store.articles.count().catch(() => 0)) > 0 ? true : null;
      },
      120_000,
      'the import to write articles',
    );
    cli.child.kill('SIGINT');
    const code = await cli.exited;
    const output = cli.output();
    expect(code, output.slice(-2000)).toBe(130);
    expect(output).toContain('stopping after the current batch');
    expect(output).toContain('stopped by Ctrl-C');
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { cancelled: boolean; counts: { articles: { created: number } }; searchIndexRebuilt: number | null; indexSeconds: number };
    expect(report.cancelled).toBe(true);
    const written = report.counts.articles.created;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(summary.posts);
    expect(await store.articles.count()).toBe(written);
    // Finished for what it wrote: every published article is in the search index.
    expect(report.searchIndexRebuilt).toBe(await store.articles.countPublished({}));
    expect(report.indexSeconds).toBeGreaterThan(0);
    expect(await store.search.count()).toBe(await store.articles.countPublished({}));

    const again = await runCli(['import', 'wordpress', file], { home: target.dir, env: target.env, timeoutMs: 300_000 });
    expect(again.code, again.stderr + again.stdout.slice(-2000)).toBe(0);
    expect(again.stdout).toContain(`articles   created ${summary.posts - written}, updated ${written}`);
    expect(again.stdout).toMatch(/posts\/s; file checked in \d+\.\d s, search index rebuilt in \d+\.\d s\)/);
    expect(await store.articles.count()).toBe(summary.posts);
  });
});
