import { mkdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/AppError.js';
import type { MediaStorage } from './MediaStorage.js';

/** A storage key: relative, forward slashes, no `..`, no empty or hidden segments. */
export function isSafeMediaKey(key: string): boolean {
  if (key.length === 0 || key.length > 500 || key.startsWith('/') || key.includes('\\') || key.includes('\0')) return false;
  return key.split('/').every((segment) => segment.length > 0 && segment !== '..' && segment !== '.' && !segment.startsWith('.'));
}

/** Media files in a folder on local disk (default `<dataDir>/media`). */
export function createLocalMediaStorage(folder: string): MediaStorage {
  const root = path.resolve(folder);
  const resolve = (key: string) => {
    if (!isSafeMediaKey(key)) throw new AppError('INVALID_INPUT', `unsafe media key: ${JSON.stringify(key)}`, { field: 'key' });
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(key, data) {
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a reader never sees half a file.
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, data);
      await rename(temp, file);
    },
    async exists(key) {
      try {
        return (await stat(resolve(key))).isFile();
      } catch {
        return false;
      }
    },
    async read(key) {
      try {
        return await readFile(resolve(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', `no media file ${key}`);
        throw error;
      }
    },
    async delete(key) {
      const file = resolve(key);
      await rm(file, { force: true });
      // Leave no empty folders behind (an upload's folder holds only its own files); stop at the root.
      let dir = path.dirname(file);
      while (dir.startsWith(root + path.sep) && dir !== root) {
        try {
          await rmdir(dir);
        } catch {
          break;
        }
        dir = path.dirname(dir);
      }
    },
    urlPath(key) {
      return `/media/${key.split('/').map(encodeURIComponent).join('/')}`;
    },
  };
}
