import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface BackgroundCheckpoint {
  /** Stops the thread (its connection closed); resolves when it has exited. */
  close(): Promise<void>;
}

export interface BackgroundCheckpointOptions {
  /** How often the thread looks at the write-ahead log (default 200 ms). */
  intervalMs?: number;
}

/**
 * The thread's code, plain CommonJS evaluated in the worker (no loader, no TypeScript): its own
 * connection to the same file, a PASSIVE checkpoint every `intervalMs` (a no-op when nothing is new).
 * PASSIVE never waits for a lock and never blocks a writer or a reader; what it cannot copy yet
 * (frames a reader still needs) it copies on a later turn.
 */
const WORKER_CODE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY: another connection is checkpointing; the next turn tries again.
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the serving thread (decision 030). With the default
 * `wal_autocheckpoint`, the commit that pushes the log past 1,000 pages copies them all into the
 * database and syncs it, on the event loop: a 10–15 ms stall every few dozen commits, the largest
 * part of the comment-posting latency tail. This thread checkpoints instead, a few times a second,
 * with its own connection; the serving connection's automatic checkpoint stays on at a high mark
 * (createSqliteStore's `SAFETY_NET_PAGES`) as a safety net should the thread ever fall behind.
 */
export function startBackgroundCheckpoint(file: string, options: BackgroundCheckpointOptions = {}): BackgroundCheckpoint {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_CODE, {
    eval: true,
    workerData: { file, driver, intervalMs: options.intervalMs ?? 200 },
    // A small heap: the thread holds one connection and a timer.
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
  });
  worker.unref();
  // A failure of the thread leaves the serving connection's own automatic checkpoint to do the work.
  worker.on('error', () => {});
  let ended = false;
  worker.once('exit', () => (ended = true));
  let exited: Promise<void> | null = null;
  return {
    close() {
      exited ??= new Promise<void>((resolve) => {
        if (ended) return resolve(); // the thread failed earlier: nothing to close
        // Held while it closes: an unreferenced thread let a process whose last work was this
        // close() end first (exit code 13 under a top-level await), its connection left open.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      });
      return exited;
    },
  };
}
