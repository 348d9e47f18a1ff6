import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { buildKhabar } from '../../src/main.js';
import type { Store } from '../../src/store/ports.js';
import { createPostgresStore } from '../../src/store/postgres/createPostgresStore.js';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';
import { pgAvailable, testPgUrl } from '../support/stores.js';

/** Opens `n` independent stores (own connections, as separate processes would have) on one fresh database. */
type OpenMany = (n: number) => Promise<Store[]>;

interface TestDatabase {
  openMany: OpenMany;
  /** Raw SQL on a connection of its own (what an operator's psql/sqlite3 would do). */
  raw: (text: string) => Promise<Array<Record<string, unknown>>>;
  dispose: () => Promise<void>;
}

const kinds: Array<{ name: 'sqlite' | 'postgres'; available: boolean; futureAt: string; database: () => TestDatabase }> = [
  {
    name: 'sqlite',
    available: true,
    futureAt: `'2099-01-01T00:00:00.000Z'`,
    database() {
      const dir = mkdtempSync(path.join(tmpdir(), 'khabar-migrate-'));
      const file = path.join(dir, 'khabar.db');
      return {
        openMany: async (n) => Array.from({ length: n }, () => createSqliteStore({ file })),
        raw: async (text) => {
          const db = new Database(file);
          try {
            const statement = db.prepare(text);
            return statement.reader ? (statement.all() as Array<Record<string, unknown>>) : (statement.run(), []);
          } finally {
            db.close();
          }
        },
        dispose: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    available: pgAvailable,
    futureAt: 'now()',
    database() {
      const schema = `khabar_migrate_${randomBytes(5).toString('hex')}`;
      return {
        openMany: async (n) => {
          const made: Store[] = [];
          // One after another: creating the test schema is not itself race-free.
          for (let i = 0; i < n; i++) made.push(await createPostgresStore({ connectionString: testPgUrl, schema, poolSize: 2 }));
          return made;
        },
        raw: async (text) => {
          const client = new pg.Client({ connectionString: testPgUrl, options: `-c search_path=${schema}` });
          await client.connect();
          try {
            return (await client.query(text)).rows as Array<Record<string, unknown>>;
          } finally {
            await client.end();
          }
        },
        // The run's database is dropped after the run (test/support/globalSetup.ts).
        dispose: async () => {},
      };
    },
  },
];

for (const kind of kinds) {
  describe.skipIf(!kind.available)(`store contract [${kind.name}]: migrations with nodes up`, () => {
    const open: Store[] = [];
    let db: TestDatabase | null = null;
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
      await db?.dispose();
      db = null;
    });

    async function stores(n: number): Promise<Store[]> {
      db = kind.database();
      const made = await db.openMany(n);
      open.push(...made);
      return made;
    }

    it('lets three migrators race on an empty store: one applies, the others wait and find nothing to do', async () => {
      const [a, b, c] = await stores(3);
      const results = await Promise.allSettled([a!.migrate(), b!.migrate(), c!.migrate()]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      for (const s of [a!, b!, c!]) await expect(s.checkReady()).resolves.toBeUndefined();
      // Each migration recorded exactly once.
      const rows = await db!.raw('select name, count(*) as n from khabar_migrations group by name');
      expect(rows.length).toBeGreaterThanOrEqual(9);
      expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    });

    it('refuses a store migrated by a newer Khabar: migrate, readiness and a node that does not migrate', async () => {
      const [a] = await stores(1);
      await a!.migrate();
      await db!.raw(`insert into khabar_migrations (name, timestamp) values ('999_from_the_future', ${kind.futureAt})`);
      await expect(a!.migrate()).rejects.toMatchObject({ code: 'STORE_SCHEMA_NEWER' });
      await expect(a!.checkReady()).rejects.toMatchObject({ code: 'STORE_SCHEMA_NEWER' });
      const dataDir = mkdtempSync(path.join(tmpdir(), 'khabar-newer-'));
      try {
        const config = loadConfig({ env: {}, overrides: { env: 'test', dataDir, logLevel: 'silent' } });
        await expect(buildKhabar({ config, store: a!, logger: pino({ level: 'silent' }), migrate: false, demo: false, jobs: false })).rejects.toMatchObject({
          code: 'STORE_SCHEMA_NEWER',
        });
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('answers /readyz 503 with the code while migrations are pending, 200 once applied', async () => {
      const [a] = await stores(1);
      const dataDir = mkdtempSync(path.join(tmpdir(), 'khabar-pending-'));
      const config = loadConfig({ env: {}, overrides: { env: 'test', dataDir, logLevel: 'silent' } });
      const khabar = await buildKhabar({ config, store: a!, logger: pino({ level: 'silent' }), migrate: false, demo: false, jobs: false });
      try {
        const pending = await khabar.app.inject({ url: '/readyz' });
        expect(pending.statusCode).toBe(503);
        expect(pending.json()).toEqual({ status: 'unavailable', code: 'STORE_UNAVAILABLE' });
        await a!.migrate();
        const ready = await khabar.app.inject({ url: '/readyz' });
        expect(ready.statusCode).toBe(200);
      } finally {
        await khabar.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}

