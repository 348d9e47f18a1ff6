/**
 * Preloaded into the import child by `npm run bench:import -- --profile`
 * (`node --import tsx --import ./bench/importSqlProfile.mjs bin/khabar.js import wordpress …`, which loads this on the main thread):
 * times every SQLite statement (bench/sqlProfile.ts) and prints the summary when the process
 * exits, with the statement count per post when BENCH_IMPORT_POSTS is set.
 */
import { installSqlProfile } from './sqlProfile.js';

const profile = await installSqlProfile();
process.on('exit', () => profile.report(Number(process.env.BENCH_IMPORT_POSTS) || undefined));
