import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withCachedStatements } from '../../../src/store/sqlite/cachedStatements.js';

/** A multi-row insert of `rows` rows: its text is longer than the long-statement threshold from ~150 rows. */
const insertOf = (rows: number) => `insert into t (a, b) values ${Array.from({ length: rows }, () => '(?, ?)').join(', ')}`;

describe('withCachedStatements (SQLite)', () => {
  const open = () => {
    const raw = new Database(':memory:');
    raw.exec('create table t (a integer, b integer)');
    return { raw, db: withCachedStatements(raw, 3, 2) };
  };

  it('gives the same prepared statement for the same SQL, and new ones past the limit (least recently used first)', () => {
    const { db } = open();
    const a = db.prepare('select 1');
    const b = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a);
    db.prepare('select 3');
    db.prepare('select 4'); // evicts 'select 2', used less recently than 'select 1'
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
  });

  it('keeps long statements (multi-row inserts of varying sizes) in their own small cache, so they cannot fill the main one', () => {
    const { raw, db } = open();
    const short = db.prepare('select count(*) as n from t');
    const firstLong = db.prepare(insertOf(300));
    for (let rows = 301; rows < 340; rows++) db.prepare(insertOf(rows));
    expect(db.prepare('select count(*) as n from t')).toBe(short);
    expect(db.prepare(insertOf(300))).not.toBe(firstLong);
    const again = db.prepare(insertOf(300));
    expect(db.prepare(insertOf(300))).toBe(again);
    // The statements still run.
    (again as unknown as Database.Statement).run(...Array.from({ length: 600 }, (_, i) => i));
    expect((raw.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(300);
  });
});
