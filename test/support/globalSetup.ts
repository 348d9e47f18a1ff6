import pg from 'pg';

/**
 * PostgreSQL test stores live in schemas named `khabar_test_*`. They are dropped here, once, after
 * every test file has finished — not by each file as it ends: Kysely's migrator lists the tables
 * of every schema, and a schema dropped by one file while another file migrates made that
 * listing fail ("schema … does not exist"). Leftovers of an interrupted run are dropped at start.
 */
async function dropTestSchemas(): Promise<void> {
  const url = process.env.KHABAR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    return; // no PostgreSQL: nothing to clean (test/support/stores.ts decides whether that is an error)
  }
  try {
    const { rows } = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname like 'khabar\\_test\\_%'`);
    for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
  } finally {
    await client.end();
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  await dropTestSchemas();
  return dropTestSchemas;
}
