/**
 * Quick in-process timing of the benchmark pages (no load generator, no network): for iterating on
 * server-side cost. `node --import tsx bench/timePages.ts [dataDir] [runs]`.
 */
import path from 'node:path';
import { loadConfig } from '../src/config/loadConfig.js';
import { buildKhabar } from '../src/main.js';

const dataDir = path.resolve(process.argv[2] ?? 'bench/out/articles-50000-seed-1');
const runs = Number(process.argv[3] ?? 200);
const config = loadConfig({ env: { KHABAR_DATA_DIR: dataDir }, cwd: dataDir, overrides: { env: 'production', demo: false, logLevel: 'warn' } });
const khabar = await buildKhabar({ config, demo: false });
const home = await khabar.app.inject('/');
const article = /href="(\/\d{4}\/\d{2}\/[^"]+)"/.exec(home.body)?.[1] ?? '/';
const section = /href="(\/category\/[^"]+)"/.exec(home.body)?.[1] ?? '/';
for (const [name, url] of [['home', '/'], ['section', section], ['article', article]] as const) {
  for (let i = 0; i < 20; i++) await khabar.app.inject(url);
  const start = process.hrtime.bigint();
  let status = 0;
  for (let i = 0; i < runs; i++) status = (await khabar.app.inject(url)).statusCode;
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${name.padEnd(8)} ${ms.toFixed(3)} ms/request  status ${status}  ${decodeURIComponent(url).slice(0, 60)}`);
}
await khabar.close();
