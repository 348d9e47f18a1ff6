import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Runs small write transactions. `run(work)` resolves with `work`'s result once the transaction
 * that ran it has committed, and rejects if it, or that commit, failed: a caller told "done" is
 * never rolled back later.
 */
export interface GroupCommit {
  /** Runs `work` (several statements) as one atomic unit. */
  run<T>(work: (conn: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Runs `work`, a single statement (atomic by itself): it needs no transaction of its own. */
  statement<T>(work: (conn: Kysely<Database>) => Promise<T>): Promise<T>;
}

/** Each unit in its own transaction (PostgreSQL: the server commits concurrent transactions in parallel). */
export function separateTransactions(db: Kysely<Database>): GroupCommit {
  return {
    run: (work) => db.transaction().execute(work),
    statement: (work) => work(db),
  };
}

/** Inside `store.transaction`: units are part of the caller's transaction and commit with it. */
export function withinTransaction(trx: Kysely<Database>): GroupCommit {
  return {
    run: (work) => work(trx),
    statement: (work) => work(trx),
  };
}

export interface GroupCommitOptions {
  /** Most units in one transaction (default 256); more wait for the next one. */
  maxBatch?: number;
}

interface Unit {
  work: (conn: Kysely<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const SAVEPOINT = CompiledQuery.raw('savepoint group_unit');
const RELEASE = CompiledQuery.raw('release savepoint group_unit');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint group_unit');

/**
 * Group commit for a store with one writer (SQLite): the units that arrive in the same turn of the
 * event loop — concurrent requests reach their writes together — run one after the other in ONE
 * transaction, each inside its own savepoint, so a unit that throws leaves no trace and the others
 * go on. One commit (the WAL write of every page touched) then serves the whole group instead of
 * one per unit. Every unit is answered only after that commit; if the commit fails, every unit of
 * the group fails with it. A unit sees the writes of the units before it (same transaction), so
 * counters and checks stay exact.
 *
 * @example
 *   const group = createGroupCommit(db);
 *   const row = await group.run((conn) => conn.insertInto('comments').values(v).returningAll().executeTakeFirstOrThrow());
 */
export function createGroupCommit(db: Kysely<Database>, options: GroupCommitOptions = {}): GroupCommit {
  const maxBatch = options.maxBatch ?? 256;
  let queue: Unit[] = [];
  let scheduled = false;
  let flushing = false;

  function schedule() {
    if (scheduled || flushing || queue.length === 0) return;
    scheduled = true;
    // setImmediate runs after the I/O callbacks of this turn: every request parsed in it has queued its write.
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  }

  async function flush(): Promise<void> {
    flushing = true;
    const units = queue.slice(0, maxBatch);
    queue = queue.slice(units.length);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const unit of units) {
          await trx.executeQuery(SAVEPOINT);
          try {
            const value = await unit.work(trx);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: true, value });
          } catch (error) {
            // Undo this unit's writes only; if even that fails the transaction is gone: fail them all.
            await trx.executeQuery(ROLLBACK_TO);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: false, error });
          }
        }
      });
      units.forEach((unit, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) unit.resolve(outcome.value);
        else unit.reject(outcome.error);
      });
    } catch (error) {
      // Nothing of this group was committed: a unit's own failure is the better explanation, else the commit's.
      units.forEach((unit, i) => {
        const outcome = outcomes[i];
        unit.reject(outcome && !outcome.ok ? outcome.error : error);
      });
    } finally {
      flushing = false;
      schedule();
    }
  }

  function run<T>(work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
  }
  return { run, statement: run };
}
