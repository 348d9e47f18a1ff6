import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/runCli.js';
import { pgAvailable, testPgUrl } from '../support/stores.js';
import { fileHashes, postgresSnapshot, sqliteSnapshot } from '../support/tableSnapshot.js';

const temp = mkdtempSync(path.join(tmpdir(), 'khabar-backup-test-'));
const databases: string[] = [];

afterAll(async () => {
  rmSync(temp, { recursive: true, force: true });
  if (databases.length === 0) return;
  const admin = new pg.Client({ connectionString: testPgUrl });
  await admin.connect();
  try {
    for (const name of databases) await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
});

const khabar = (args: string[], env: Record<string, string>, input?: string): Promise<CliRun> =>
  runCli(args, { home: temp, env, ...(input !== undefined ? { input } : {}), timeoutMs: 120_000 });

function ok(run: CliRun): CliRun {
  expect(run.stderr, run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run;
}

/** A site with the demo (articles, sections, media files) and an account, made through the CLI. */
async function makeSite(env: Record<string, string>) {
  ok(await khabar(['demo'], env));
  ok(await khabar(['user', 'create', '--email', 'salma@example.ma', '--name', 'سلمى بناني', '--role', 'admin', '--password-stdin'], env, 'a long enough password 123\n'));
}

/** A fresh database of its own on the test server (the run's database holds only schemas). */
async function freshDatabase(): Promise<string> {
  const name = `khabar_so_backup_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPgUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  databases.push(name);
  const url = new URL(testPgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('khabar backup / restore', () => {
  it('round-trips an SQLite site: every table row and every media file identical; refuses to overwrite without --force', async () => {
    const source = path.join(temp, 'sqlite-source');
    const target = path.join(temp, 'sqlite-target');
    const archive = path.join(temp, 'sqlite.tar');
    await makeSite({ KHABAR_DATA_DIR: source });
    const backup = ok(await khabar(['backup', archive], { KHABAR_DATA_DIR: source }));
    expect(backup.stdout).toMatch(/backup written to .*sqlite database and \d+ media files/);
    ok(await khabar(['restore', archive], { KHABAR_DATA_DIR: target }));

    const before = sqliteSnapshot(path.join(source, 'khabar.db'));
    const after = sqliteSnapshot(path.join(target, 'khabar.db'));
    expect(before.articles).toHaveLength(32);
    expect(before.users).toHaveLength(1);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    const media = fileHashes(path.join(source, 'media'));
    expect(Object.keys(media).length).toBeGreaterThan(0);
    expect(fileHashes(path.join(target, 'media'))).toEqual(media);

    const again = await khabar(['restore', archive], { KHABAR_DATA_DIR: target });
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/^khabar: BACKUP_INVALID: .*--force/);
    ok(await khabar(['restore', archive, '--force'], { KHABAR_DATA_DIR: target }));
    expect(sqliteSnapshot(path.join(target, 'khabar.db')).articles).toEqual(before.articles);
  }, 300_000);

  it.skipIf(!pgAvailable)('round-trips a PostgreSQL site through pg_dump/pg_restore: every table row and every media file identical', async () => {
    const sourceUrl = await freshDatabase();
    const targetUrl = await freshDatabase();
    const source = { DATABASE_URL: sourceUrl, KHABAR_DATA_DIR: path.join(temp, 'pg-source') };
    const target = { DATABASE_URL: targetUrl, KHABAR_DATA_DIR: path.join(temp, 'pg-target') };
    const archive = path.join(temp, 'postgres.tar');
    await makeSite(source);
    ok(await khabar(['backup', archive], source));
    ok(await khabar(['restore', archive], target));

    const before = await postgresSnapshot(sourceUrl);
    const after = await postgresSnapshot(targetUrl);
    expect(before.articles).toHaveLength(32);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    const media = fileHashes(path.join(source.KHABAR_DATA_DIR, 'media'));
    expect(Object.keys(media).length).toBeGreaterThan(0);
    expect(fileHashes(path.join(target.KHABAR_DATA_DIR, 'media'))).toEqual(media);

    const sqliteInto = await khabar(['restore', archive], { KHABAR_DATA_DIR: path.join(temp, 'pg-into-sqlite') });
    expect(sqliteInto.code).toBe(1);
    expect(sqliteInto.stderr).toMatch(/^khabar: BACKUP_INVALID: this backup is of a postgres store and the configured store is sqlite/);
  }, 300_000);

  it('refuses a file that is not a backup with one clear line', async () => {
    const bogus = path.join(temp, 'bogus.tar');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bogus, 'not a tar');
    const run = await khabar(['restore', bogus], { KHABAR_DATA_DIR: path.join(temp, 'bogus-target') });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^khabar: BACKUP_FAILED: tar failed/);
  }, 120_000);
});
