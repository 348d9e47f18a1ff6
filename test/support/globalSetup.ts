import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Test databases older than this are leftovers of interrupted runs. */
const STALE_AFTER_MS = 6 * 3_600_000;

/**
 * Every test run gets its own PostgreSQL database (`khabar_test_<time>_<random>`), created here and
 * handed to the test workers through KHABAR_TEST_PG_URL; test stores are schemas inside it. Runs
 * side by side (several checkouts on one machine) therefore never see each other's schemas —
 * Kysely's migrator lists the tables of every schema of its database, and a schema dropped by
 * another run made that listing fail. The database is dropped after the run; leftovers of
 * interrupted runs are dropped at start once they are old.
 */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  const baseUrl = process.env.KHABAR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return; // no PostgreSQL: test/support/stores.ts decides whether that is an error
  }
  const name = `khabar_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  try {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'khabar\\_test\\_%'`);
    for (const { datname } of rows) {
      const born = parseInt(datname.split('_')[2] ?? '', 36);
      if (Number.isFinite(born) && Date.now() - born > STALE_AFTER_MS) await admin.query(`drop database if exists "${datname}" with (force)`);
    }
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  process.env.KHABAR_TEST_PG_URL = url.toString();
  return async () => {
    const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 2000 });
    await client.connect();
    try {
      await client.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await client.end();
    }
  };
}
