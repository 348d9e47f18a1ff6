import { CompiledQuery, type Kysely } from 'kysely';
import { executeCompiled } from './preparedQuery.js';
import { transactionWithPurges } from './purgeLog.js';
import type { Database } from './schema.js';

/**
 * Totals a unit of work adds to, written once before its transaction commits: an article's
 * approved count moved by +1 per comment, the content version moved once. Commutative writes only
 * (their order in the transaction does not matter), so a group of units can share them.
 */
export interface WriteEffects {
  /** Adds `amount` to `key`'s total; before the commit `apply(conn, total)` writes it (the first `apply` given for the key). */
  add(key: string, amount: number, apply: (conn: Kysely<Database>, total: number) => Promise<void>): void;
}

/** A write of one or more statements; `effects` collects its commutative totals. */
export type WriteWork<T> = (conn: Kysely<Database>, effects: WriteEffects) => Promise<T>;

/**
 * Runs small write transactions. `run(work)` resolves with `work`'s result once the transaction
 * that ran it has committed, and rejects if it, or that commit, failed: a caller told "done" is
 * never rolled back later.
 */
export interface GroupCommit {
  /** Runs `work` (several statements) as one atomic unit, its effects included. */
  run<T>(work: WriteWork<T>): Promise<T>;
  /** Runs `work`, a single statement (atomic by itself): it needs no transaction of its own. */
  statement<T>(work: (conn: Kysely<Database>) => Promise<T>): Promise<T>;
}

class Effects implements WriteEffects {
  readonly totals = new Map<string, { total: number; apply: (conn: Kysely<Database>, total: number) => Promise<void> }>();

  add(key: string, amount: number, apply: (conn: Kysely<Database>, total: number) => Promise<void>): void {
    const known = this.totals.get(key);
    if (known) known.total += amount;
    else this.totals.set(key, { total: amount, apply });
  }

  merge(other: Effects): void {
    for (const [key, { total, apply }] of other.totals) this.add(key, total, apply);
  }

  async write(conn: Kysely<Database>): Promise<void> {
    for (const { total, apply } of this.totals.values()) await apply(conn, total);
  }
}

async function runWithEffects<T>(conn: Kysely<Database>, work: WriteWork<T>): Promise<T> {
  const effects = new Effects();
  const result = await work(conn, effects);
  await effects.write(conn);
  return result;
}

/** Each unit in its own transaction (PostgreSQL: the server commits concurrent transactions in parallel). */
export function separateTransactions(db: Kysely<Database>): GroupCommit {
  return {
    // transactionWithPurges: the purges a unit records reach this process after the commit, before it is answered.
    run: (work) => transactionWithPurges(db, (trx) => runWithEffects(trx, work)),
    statement: (work) => work(db),
  };
}

/** Inside `store.transaction`: units are part of the caller's transaction and commit with it. */
export function withinTransaction(trx: Kysely<Database>): GroupCommit {
  return {
    run: (work) => runWithEffects(trx, work),
    statement: (work) => work(trx),
  };
}

export interface GroupCommitOptions {
  /** Most units in one transaction (default 256); more wait for the next one. */
  maxBatch?: number;
}

interface Unit {
  work: WriteWork<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const SAVEPOINT = CompiledQuery.raw('savepoint group_unit');
const RELEASE = CompiledQuery.raw('release savepoint group_unit');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint group_unit');

/**
 * Group commit for a store with one writer (SQLite): the units that arrive in the same turn of the
 * event loop — concurrent requests reach their writes together — run one after the other in ONE
 * transaction, each inside its own savepoint, so a unit that throws leaves no trace (its effects
 * are dropped too) and the others go on. Their effects are written once, summed, before the
 * commit. One commit (the WAL write of every page touched) then serves the whole group instead of
 * one per unit. Every unit is answered only after that commit; if the commit fails, every unit of
 * the group fails with it. A unit sees the writes of the units before it (same transaction), so
 * counters and checks stay exact. A unit must use only the connection it is given.
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
    const outcomes: Outcome[] = [];
    try {
      // The purges the group records reach this process after the commit, before any unit is answered.
      await transactionWithPurges(db, async (trx) => {
        const committed = new Effects();
        for (const unit of units) {
          const effects = new Effects();
          await executeCompiled(trx, SAVEPOINT);
          try {
            const value = await unit.work(trx, effects);
            await executeCompiled(trx, RELEASE);
            committed.merge(effects);
            outcomes.push({ ok: true, value });
          } catch (error) {
            // Undo this unit's writes only; if even that fails the transaction is gone: fail them all.
            await executeCompiled(trx, ROLLBACK_TO);
            await executeCompiled(trx, RELEASE);
            outcomes.push({ ok: false, error });
          }
        }
        await committed.write(trx);
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

  function run<T>(work: WriteWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
  }
  return { run, statement: run };
}
