import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Store } from '../../src/store/ports.js';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';
import { createPostgresStore } from '../../src/store/postgres/createPostgresStore.js';

/** The PostgreSQL server tests use: KHABAR_TEST_PG_URL, else the local one. */
export const testPgUrl = process.env.KHABAR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Set by .ci/run: a missing PostgreSQL is then a failure, not a skip. */
export const pgRequired = process.env.KHABAR_REQUIRE_PG === '1';

async function pgAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: testPgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export const pgAvailable = await pgAnswers();
if (!pgAvailable && pgRequired) {
  throw new Error(`KHABAR_REQUIRE_PG=1 but PostgreSQL does not answer at ${testPgUrl}`);
}
if (!pgAvailable) {
  console.warn(`[khabar tests] PostgreSQL does not answer at ${testPgUrl}: its half of the store suite is skipped`);
}

export interface TestStore {
  store: Store;
  /** Closes the store and removes what the test created (the PostgreSQL schema). */
  dispose(): Promise<void>;
}

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  available: boolean;
  open(options?: { now?: () => Date }): Promise<TestStore>;
}

/** Every store a contract test runs on; PostgreSQL is listed unavailable when it does not answer. */
export const storeKinds: StoreKind[] = [
  {
    name: 'sqlite',
    available: true,
    async open(options = {}) {
      // A file, as in production: its reads outside transactions run on a second connection
      // (src/store/sqlite/directExecutor.ts), which an in-memory database cannot have.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-contract-'));
      const store = createSqliteStore({ file: path.join(dir, 'khabar.db'), ...options });
      await store.migrate();
      return {
        store,
        dispose: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    available: pgAvailable,
    async open(options = {}) {
      const schema = `khabar_test_${randomBytes(6).toString('hex')}`;
      const store = await createPostgresStore({ connectionString: testPgUrl, schema, poolSize: 4, ...options });
      await store.migrate();
      return {
        store,
        // The run's whole database is dropped after the run (test/support/globalSetup.ts).
        dispose: () => store.close(),
      };
    },
  },
];
