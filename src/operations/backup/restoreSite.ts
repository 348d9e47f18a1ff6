import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../errors/AppError.js';
import type { DatabaseDump } from '../../store/openDatabaseDump.js';
import { MANIFEST_FILE, readBackupManifest, type BackupManifest } from './backupManifest.js';
import { extractTar } from './tarArchive.js';

export interface RestoreDeps {
  database: DatabaseDump;
  mediaRoot: string;
  /** Whether the configured store already holds a site (restoring over it needs `force`). */
  hasContent: () => Promise<boolean>;
}

/**
 * `khabar restore <file>`: puts back the database and the media folder of a `khabar backup`
 * archive. Refuses a backup of the other kind of store (docs/operations.md gives the portable
 * path) and, without `force`, a store that already has content. Stop the nodes first.
 */
export async function restoreSite(deps: RestoreDeps, file: string, options: { force?: boolean } = {}): Promise<BackupManifest> {
  if (!existsSync(file)) throw new AppError('BACKUP_INVALID', `there is no backup at ${file}`);
  const staging = mkdtempSync(path.join(tmpdir(), 'khabar-restore-'));
  try {
    await extractTar(path.resolve(file), staging);
    const manifest = readBackupManifest(path.join(staging, MANIFEST_FILE));
    if (manifest.dialect !== deps.database.dialect) {
      throw new AppError(
        'BACKUP_INVALID',
        `this backup is of a ${manifest.dialect} store and the configured store is ${deps.database.dialect}: restore it into a ${manifest.dialect} store, then move the site with an export/import (docs/operations.md)`,
      );
    }
    const databaseFile = path.join(staging, path.basename(manifest.database));
    if (!existsSync(databaseFile)) throw new AppError('BACKUP_INVALID', `the backup has no ${manifest.database}`);
    if (!options.force && (await deps.hasContent())) {
      throw new AppError('BACKUP_INVALID', 'the configured store already has a site: restore replaces it whole; run again with --force to do that');
    }
    await deps.database.load(databaseFile);
    const media = path.join(staging, 'media');
    rmSync(deps.mediaRoot, { recursive: true, force: true });
    if (existsSync(media)) cpSync(media, deps.mediaRoot, { recursive: true });
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
