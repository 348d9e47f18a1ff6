import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareQuery } from '../../../src/store/shared/preparedQuery.js';
import type { Database as Schema } from '../../../src/store/shared/schema.js';

describe('prepareQuery', () => {
  const sqlite = new Database(':memory:');
  sqlite.exec("create table rate_limits (key text primary key, window_end integer not null, hits integer not null)");
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  afterAll(() => db.destroy());

  it('compiles once and runs with each call\'s values, a value used twice and object arguments included', async () => {
    const insert = prepareQuery((row: { key: string; window_end: number; hits: number }) => db.insertInto('rate_limits').values(row).returningAll());
    const between = prepareQuery((from: number, to: number, again: number) =>
      db.selectFrom('rate_limits').select('key').where('window_end', '>=', from).where('window_end', '<=', to).where('hits', '<', again).where('hits', '!=', again).orderBy('key'),
    );
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) expect((await insert(db, { key, window_end: i * 10, hits: i })).rows).toEqual([{ key, window_end: i * 10, hits: i }]);
    expect((await between(db, 10, 30, 3)).rows.map((r) => r.key)).toEqual(['b', 'c']);
    expect((await between(db, 0, 30, 9)).rows.map((r) => r.key)).toEqual(['a', 'b', 'c', 'd']);
    await db.transaction().execute(async (trx) => {
      await insert(trx, { key: 'e', window_end: 15, hits: 1 });
      expect((await between(trx, 10, 20, 2)).rows.map((r) => r.key)).toEqual(['b', 'e']);
    });
  });

  it('refuses a query that does not use every argument as a parameter', async () => {
    const ignoring = prepareQuery((key: string, unused: number) => db.selectFrom('rate_limits').selectAll().where('key', '=', key).limit(unused > 0 ? 1 : 2));
    await expect(ignoring(db, 'a', 1)).rejects.toThrow(/argument 1 is not a parameter/);
  });
});
