import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The package's root folder, where `assets/` and `node_modules/` live. This file sits one level
 * below it both as source (`src/paths.ts`, under vitest/tsx) and compiled (`dist/paths.js`).
 */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Static files shipped with the package (stylesheet, demo illustrations). */
export const assetsDir = path.join(packageRoot, 'assets');

/** The built newsroom app (`vite build` of admin/), served at /admin. */
export const adminDistDir = path.join(packageRoot, 'dist-admin');
