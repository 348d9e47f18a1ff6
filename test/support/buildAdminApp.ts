import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { adminDistDir, packageRoot } from '../../src/paths.js';

const adminDir = path.join(packageRoot, 'admin');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Vitest global setup: (re)builds the admin app into dist-admin/ when it is missing or older than
 * admin/ (about 3 s), once per run, before any worker serves /admin. The HTTP and browser tests of
 * /admin then test what `npm run build` ships.
 */
export default async function setup(): Promise<void> {
  const index = path.join(adminDistDir, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(adminDir)) return;
  await build({ configFile: path.join(adminDir, 'vite.config.ts'), logLevel: 'warn' });
}
