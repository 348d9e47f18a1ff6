import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded when first used rather than at start-up. For native and heavy packages
 * that a reading node may never need (sharp: ~18 MB of resident memory, argon2, ioredis): every
 * process pays for what it imports, and most app nodes only serve pages.
 *
 * @example const sharp = loadOnFirstUse<typeof sharpModule>('sharp'); sharp()(bytes).metadata()
 */
export function loadOnFirstUse<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
