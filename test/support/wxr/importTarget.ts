import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Store } from '../../../src/store/ports.js';
import { createPostgresStore } from '../../../src/store/postgres/createPostgresStore.js';
import { createSqliteStore } from '../../../src/store/sqlite/createSqliteStore.js';
import { testPgUrl } from '../stores.js';

/**
 * An empty store the CLI imports into as an operator would point it: a data folder
 * (KHABAR_DATA_DIR, SQLite) or a database of its own (DATABASE_URL, PostgreSQL's `public`
 * schema). The PostgreSQL database is named like the run's test databases so an interrupted
 * run's leftover is dropped by test/support/globalSetup.ts.
 */
export interface ImportTarget {
  dialect: 'sqlite' | 'postgres';
  /** The folder for the export, the report and (SQLite) the store. */
  dir: string;
  /** Environment for `khabar` child processes. */
  env: Record<string, string>;
  databaseUrl: string | null;
  /** Opens the store the CLI writes to (the caller closes it). */
  open(): Promise<Store>;
  /** Drops the database / removes the folder. */
  dispose(): Promise<void>;
}

export async function createImportTarget(dialect: 'sqlite' | 'postgres'): Promise<ImportTarget> {
  const dir = mkdtempSync(path.join(tmpdir(), `khabar-wxr-${dialect}-`));
  if (dialect === 'sqlite') {
    return {
      dialect,
      dir,
      env: { KHABAR_DATA_DIR: dir },
      databaseUrl: null,
      open: async () => createSqliteStore({ file: path.join(dir, 'khabar.db') }),
      async dispose() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `khabar_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPgUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testPgUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    dialect,
    dir,
    env: { KHABAR_DATA_DIR: dir, DATABASE_URL: databaseUrl },
    databaseUrl,
    open: () => createPostgresStore({ connectionString: databaseUrl, poolSize: 2 }),
    async dispose() {
      const client = new pg.Client({ connectionString: testPgUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
