import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../src/store/sqlite/createSqliteStore.js';
import type { Store } from '../../../src/store/ports.js';
import { waitFor } from '../../support/waitFor.js';

describe('SQLite WAL checkpoints on a thread of their own', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function openStore(backgroundCheckpoint: boolean) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-ckpt-'));
    dirs.push(dir);
    const file = path.join(dir, 'khabar.db');
    const store = createSqliteStore({ file, backgroundCheckpoint });
    stores.push(store);
    await store.migrate();
    return { store, file };
  }

  /** 40 transactions of ~4 KB: well below the 1,000 logged pages at which the writing connection would checkpoint itself. */
  async function write(store: Store) {
    for (let i = 0; i < 40; i++) await store.settings.set(`bulk-${i}`, { text: 'س'.repeat(2000) });
  }

  it('copies committed pages into the database file while the serving connection only appends to the log', async () => {
    const { store, file } = await openStore(true);
    const before = statSync(file).size;
    await write(store);
    // Only a checkpoint grows the main file; the serving connection's own threshold (10,000 pages) is not reached.
    await waitFor(() => statSync(file).size > before + 100_000, 10_000, 'the database file to receive the logged pages');
    const reader = new Database(file, { readonly: true });
    try {
      expect((reader.prepare("select count(*) as n from settings where key like 'bulk-%'").get() as { n: number }).n).toBe(40);
    } finally {
      reader.close();
    }
  });

  it('leaves checkpoints to the writing connection when off (CLI commands, tests)', async () => {
    const { store, file } = await openStore(false);
    const before = statSync(file).size;
    await write(store);
    // Nothing else runs a checkpoint: below 1,000 pages, the pages stay in the log.
    expect(statSync(file).size).toBe(before);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(100_000);
  });

  it('keeps a process alive until the thread has closed, when closing the store is the last thing it does', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'khabar-ckpt-'));
    dirs.push(dir);
    const script = path.join(dir, 'close-last.mts');
    const storeModule = path.resolve('src/store/sqlite/createSqliteStore.ts');
    writeFileSync(
      script,
      `import { createSqliteStore } from ${JSON.stringify(storeModule)};
const store = createSqliteStore({ file: ${JSON.stringify(path.join(dir, 'k.db'))}, backgroundCheckpoint: true });
await store.migrate();
await store.close();
console.log('closed');
`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).not.toContain('unsettled');
    expect({ status: run.status, stdout: run.stdout.trim() }).toEqual({ status: 0, stdout: 'closed' });
  });
});
