import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, type CliRun } from '../support/runCli.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';

const temp = mkdtempSync(path.join(tmpdir(), 'khabar-cli-search-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const antFile = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'arabic-news', 'ant', 'ant-v1.1-jawharafm.jsonl');
const haveCorpus = existsSync(antFile);
if (!haveCorpus) console.warn(`[khabar tests] ${antFile} is absent: the import jsonl CLI test is skipped`);

const khabar = (args: string[], env: Record<string, string>): Promise<CliRun> => runCli(args, { home: temp, env, timeoutMs: 120_000 });

describe('khabar import jsonl and khabar reindex', () => {
  it('have --help', async () => {
    const help = await khabar(['import', 'jsonl', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: khabar import jsonl [options] <file>');
    const reindex = await khabar(['reindex', '--help'], {});
    expect(reindex.code).toBe(0);
    expect(reindex.stdout).toContain('Usage: khabar reindex');
  });

  it('stops with one line for a missing file', async () => {
    const run = await khabar(['import', 'jsonl', path.join(temp, 'nothing.jsonl')], { KHABAR_DATA_DIR: path.join(temp, 'missing') });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^khabar: INVALID_INPUT: no such file: /);
  });

  it.skipIf(!haveCorpus)('imports a slice of ANT, lists bad lines by number, exits 1 when some failed, and reindexes', async () => {
    const dataDir = path.join(temp, 'import');
    const file = path.join(temp, 'slice.jsonl');
    const slice = readFileSync(antFile, 'utf8').split('\n').slice(0, 120);
    writeFileSync(file, [...slice.slice(0, 60), '{broken', ...slice.slice(60)].join('\n') + '\n');
    const run = await khabar(['import', 'jsonl', file, '--batch-size', '25'], { KHABAR_DATA_DIR: dataDir });
    expect(run.stderr).toContain('line 61: not valid JSON');
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^khabar: INVALID_INPUT: \d+ of 121 lines were not imported/);
    expect(run.code).toBe(1);
    const summary = /imported 121 lines: created (\d+), skipped (\d+), failed (\d+); sections \+(\d+)/.exec(run.stdout);
    expect(summary).not.toBeNull();
    const [created, skipped, failed] = [Number(summary![1]), Number(summary![2]), Number(summary![3])];
    expect(created + skipped + failed).toBe(121);
    expect(created).toBeGreaterThan(100);

    const reindex = await khabar(['reindex'], { KHABAR_DATA_DIR: dataDir });
    expect(reindex.stderr).toBe('');
    expect(reindex.code).toBe(0);
    expect(reindex.stdout).toMatch(new RegExp(`^reindexed ${created} published articles in [0-9.]+ s \\(\\d+ articles/s, sqlite\\)`));
    const store = createSqliteStore({ file: path.join(dataDir, 'khabar.db') });
    try {
      expect(await store.search.count()).toBe(created);
      expect(await store.articles.count()).toBe(created);
    } finally {
      await store.close();
    }
  });
});
