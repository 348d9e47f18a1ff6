import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface AdminAppFile {
  body: Buffer;
  type: string;
  etag: string;
}

/** The built admin app: index.html and its hashed assets, read once at start-up. */
export interface AdminApp {
  index: AdminAppFile;
  /** URL path (`/admin/assets/index-C5Jpe1lU.js`) → file; names carry a content hash. */
  assets: ReadonlyMap<string, AdminAppFile>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

function fileOf(body: Buffer, type: string): AdminAppFile {
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

/**
 * Reads `dir` (dist-admin/, made by `npm run build`); null when the app was not built, so the
 * server still starts and /admin says how to build it.
 */
export function loadAdminApp(dir: string): AdminApp | null {
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) return null;
  const assets = new Map<string, AdminAppFile>();
  const assetsDir = path.join(dir, 'assets');
  if (existsSync(assetsDir)) {
    for (const name of readdirSync(assetsDir)) {
      const type = TYPES[path.extname(name)];
      if (type) assets.set(`/admin/assets/${name}`, fileOf(readFileSync(path.join(assetsDir, name)), type));
    }
  }
  return { index: fileOf(readFileSync(indexFile), 'text/html; charset=utf-8'), assets };
}
