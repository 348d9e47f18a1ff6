/**
 * One app node for the multi-process scheduling test: opens the PostgreSQL store in the schema
 * given, runs buildKhabar (and so its job worker) with the real clock until SIGTERM, then prints
 * its worker id and exits. Usage: node --import tsx test/support/jobNode.ts <url> <schema>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/loadConfig.js';
import { buildKhabar } from '../../src/main.js';
import { createPostgresStore } from '../../src/store/postgres/createPostgresStore.js';

const [url, schema] = process.argv.slice(2) as [string, string];
const dataDir = mkdtempSync(path.join(tmpdir(), 'khabar-node-'));
const store = await createPostgresStore({ connectionString: url, schema, poolSize: 3 });
const config = loadConfig({ env: {}, overrides: { env: 'test', dataDir, baseUrl: 'https://khabar.example', logLevel: 'silent' } });
const khabar = await buildKhabar({ config, store, logger: pino({ level: 'silent' }), demo: false, migrate: false });
process.stdout.write(`ready ${khabar.jobs.id}\n`);
process.once('SIGTERM', () => {
  void (async () => {
    await khabar.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  })();
});
