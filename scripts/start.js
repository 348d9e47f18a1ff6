// `npm start`: build the server if the sources changed since the last build, then `khabar serve`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.tsbuildinfo');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(stamp) ||
  !existsSync(path.join(root, 'dist', 'cli', 'run.js')) ||
  newestMtime(path.join(root, 'src')) > statSync(stamp).mtimeMs;
if (stale) {
  console.log('building the server (tsc)…');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The newsroom app (admin/ → dist-admin/), rebuilt the same way when its sources changed.
const adminIndex = path.join(root, 'dist-admin', 'index.html');
if (!existsSync(adminIndex) || newestMtime(path.join(root, 'admin')) > statSync(adminIndex).mtimeMs) {
  console.log('building the admin app (vite)…');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--config', path.join(root, 'admin', 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const args = process.argv.slice(2);
// The serving heap limits (src/runtime/serverHeapFlags.ts), unless NODE_OPTIONS sets its own.
const { heapFlagsToAdd } = await import(new URL('../dist/runtime/serverHeapFlags.js', import.meta.url).href);
const heapFlags = heapFlagsToAdd([...process.execArgv, process.env.NODE_OPTIONS ?? '']);
const serve = spawnSync(process.execPath, [...heapFlags, path.join(root, 'bin', 'khabar.js'), 'serve', ...args], { stdio: 'inherit' });
process.exit(serve.status ?? 0);
