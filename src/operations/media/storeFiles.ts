import type { MediaStorage } from '../../media/MediaStorage.js';

/**
 * Writes every file or none: when one write fails, the ones already written are removed before
 * the error goes on. Returns the keys written, for the caller to remove if a later step fails.
 */
export async function storeFiles(storage: MediaStorage, files: ReadonlyArray<{ key: string; data: Uint8Array }>): Promise<string[]> {
  const written: string[] = [];
  try {
    for (const file of files) {
      await storage.put(file.key, file.data);
      written.push(file.key);
    }
    return written;
  } catch (error) {
    await removeFiles(storage, written);
    throw error;
  }
}

/** Removes keys, ignoring individual failures (a leftover file is logged by nobody but harms nobody). */
export async function removeFiles(storage: MediaStorage, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((key) => storage.delete(key).catch(() => {})));
}
