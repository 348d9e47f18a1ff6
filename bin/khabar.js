#!/usr/bin/env node
// The `khabar` command: runs the compiled CLI (npm install builds it; `npm run build` rebuilds it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('khabar: the server is not built yet: run `npm run build` (or `npm start`) first');
  process.exit(1);
}
await import(entry.href);
