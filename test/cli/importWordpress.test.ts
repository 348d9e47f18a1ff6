import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_KINDS } from '../../src/importers/wordpress/ImportReport.js';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';
import { runCli, type CliRun } from '../support/runCli.js';

const temp = mkdtempSync(path.join(tmpdir(), 'khabar-cli-wxr-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const data = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'wxr', 'wordpress-importer', 'phpunit', 'data');
const haveData = existsSync(data);
if (!haveData) console.warn(`[khabar tests] ${data} is absent: the import wordpress CLI test is skipped`);

const khabar = (args: string[], env: Record<string, string>): Promise<CliRun> => runCli(args, { home: temp, env, timeoutMs: 120_000 });

async function articleCount(dataDir: string): Promise<number> {
  const store = createSqliteStore({ file: path.join(dataDir, 'khabar.db') });
  try {
    return await store.articles.count();
  } finally {
    await store.close();
  }
}

describe.skipIf(!haveData)('khabar import wordpress', () => {
  it('has --help naming its options', async () => {
    const help = await khabar(['import', 'wordpress', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: khabar import wordpress [options] <export.xml>');
    for (const option of ['--uploads <dir>', '--dry-run', '--report <file>']) expect(help.stdout).toContain(option);
  });

  it('refuses a file that is not well-formed with one line naming the line and column, and writes nothing', async () => {
    const dataDir = path.join(temp, 'malformed');
    const run = await khabar(['import', 'wordpress', path.join(data, 'malformed.xml')], { KHABAR_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^khabar: WXR_MALFORMED: .*line 90, column \d+/);
    expect(await articleCount(dataDir)).toBe(0);
  });

  it('imports with --report (the documented JSON shape); --dry-run writes nothing', async () => {
    const dataDir = path.join(temp, 'small');
    const dry = await khabar(['import', 'wordpress', path.join(data, 'small-export.xml'), '--dry-run'], { KHABAR_DATA_DIR: dataDir });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^dry run \(nothing written\)/);
    expect(await articleCount(dataDir)).toBe(0);

    const reportFile = path.join(temp, 'report.json');
    const run = await khabar(['import', 'wordpress', path.join(data, 'small-export.xml'), '--report', reportFile], { KHABAR_DATA_DIR: dataDir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/articles\s+created 6, updated 0, skipped 0, failed 0/);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(Object.keys(report.counts).sort()).toEqual([...REPORT_KINDS].sort());
    for (const kind of REPORT_KINDS) expect(Object.keys(report.counts[kind]).sort()).toEqual(['created', 'failed', 'skipped', 'updated']);
    expect(Array.isArray(report.failures)).toBe(true);
    expect(report.urls.length).toBeGreaterThan(0);
    // The URLs come from the spool file (not kept in memory): every one, as many as counted and printed.
    expect(report.urls).toHaveLength(report.urlCount);
    expect(run.stdout).toContain(`${report.urlCount} old URLs mapped`);
    // Six posts are indexed batch by batch: no rebuild at the end to time.
    expect(run.stdout).toMatch(/posts\/s; file checked in \d+\.\d s\)/);
    expect(report.indexSeconds).toBe(0);
    for (const u of report.urls) {
      expect(typeof u.from).toBe('string');
      expect([200, 301, 404]).toContain(u.status);
    }
    expect(await articleCount(dataDir)).toBe(6);
  });
});
