/**
 * Preloaded into the import child by `npm run bench:import -- --profile`: loads
 * bench/importSqlProfile.ts (through tsx) on the main thread only. Worker threads inherit the
 * process's `--import` flags, and the import's search-analysis worker runs no SQL (and cannot load
 * .ts files there).
 */
import { isMainThread } from 'node:worker_threads';

if (isMainThread) await import('./importSqlProfile.ts');
