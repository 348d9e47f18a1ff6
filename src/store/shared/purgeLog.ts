import type { Kysely } from 'kysely';
import type { PurgeLog, PurgeRecord } from '../ports.js';
import type { Database } from './schema.js';

/** What a store does with a purge: tell its own process after commit, signal other processes. */
interface PurgeTarget {
  /** Called once the write that recorded `record` committed. */
  emit(record: PurgeRecord): void;
  /** Wakes other processes (PostgreSQL NOTIFY, delivered at commit); may be a no-op. */
  signal(conn: Kysely<Database>): Promise<void>;
}

const targets = new WeakMap<Kysely<Database>, PurgeTarget>();
const collectors = new WeakMap<Kysely<Database>, { records: PurgeRecord[]; target: PurgeTarget | undefined }>();

/** Declares where purges recorded over `db` (the store's root connection) go. */
export function registerPurgeTarget(db: Kysely<Database>, target: PurgeTarget): void {
  targets.set(db, target);
}

/**
 * Runs `work` in a transaction of `db`; the purges it records are handed to the store's process
 * only after the commit (a reader that re-renders at once then sees the new content), and dropped
 * with a rollback.
 */
export async function transactionWithPurges<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  const target = targets.get(db);
  const records: PurgeRecord[] = [];
  const result = await db.transaction().execute(async (trx) => {
    collectors.set(trx, { records, target });
    return work(trx);
  });
  for (const record of records) target?.emit(record);
  return result;
}

/**
 * Records that a write purges `keys`: moves the content version on (under its row lock, so writes
 * commit in version order with no gaps) and logs the keys under that version. Inside a
 * transaction it joins it; otherwise it runs in one of its own.
 */
export async function recordPurge(conn: Kysely<Database>, keys: readonly string[], now: () => Date): Promise<void> {
  if (keys.length === 0) return;
  const write = async (trx: Kysely<Database>, target: PurgeTarget | undefined): Promise<PurgeRecord> => {
    const row = await trx
      .updateTable('khabar_state')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('key', '=', 'content_version')
      .returning('value')
      .executeTakeFirstOrThrow();
    const record = { seq: Number(row.value), keys: [...new Set(keys)] };
    await trx.insertInto('khabar_purges').values({ seq: record.seq, keys: record.keys.join(' '), created_at: now().toISOString() }).execute();
    await target?.signal(trx);
    return record;
  };
  if (conn.isTransaction) {
    const collector = collectors.get(conn);
    const record = await write(conn, collector?.target);
    collector?.records.push(record);
    return;
  }
  const target = targets.get(conn);
  const record = await conn.transaction().execute((trx) => write(trx, target));
  target?.emit(record);
}

/** The store's purge log over `db`. */
export function createPurgeLog(db: Kysely<Database>, now: () => Date): PurgeLog {
  const latest = db.selectFrom('khabar_state').select('value').where('key', '=', 'content_version').compile();
  return {
    async latest() {
      return Number((await db.executeQuery(latest)).rows[0]?.value ?? 0);
    },
    async since(afterSeq, limit) {
      const rows = await db.selectFrom('khabar_purges').select(['seq', 'keys']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map((r) => ({ seq: Number(r.seq), keys: r.keys === '' ? [] : r.keys.split(' ') }));
    },
    record(keys) {
      return recordPurge(db, keys, now);
    },
    async prune(keepLast) {
      const top = Number((await db.executeQuery(latest)).rows[0]?.value ?? 0);
      await db.deleteFrom('khabar_purges').where('seq', '<=', top - keepLast).execute();
    },
  };
}
