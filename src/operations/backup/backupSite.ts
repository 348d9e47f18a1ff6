import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseDump } from '../../store/openDatabaseDump.js';
import { MANIFEST_FILE, type BackupManifest } from './backupManifest.js';
import { createTar } from './tarArchive.js';

export interface BackupDeps {
  database: DatabaseDump;
  /** The media folder (KHABAR_DATA_DIR/media, shared by every node). */
  mediaRoot: string;
  now: () => Date;
}

/**
 * `khabar backup <file>`: one tar archive with `manifest.json`, the database (SQLite's online
 * backup, or pg_dump's custom format) and the media folder, taken while the site keeps serving.
 * Media written during the backup may or may not be in it; the database is one snapshot.
 *
 * @example const manifest = await backupSite(deps, '/var/backups/khabar-2026-11-29.tar')
 */
export async function backupSite(deps: BackupDeps, file: string): Promise<BackupManifest> {
  const staging = mkdtempSync(path.join(tmpdir(), 'khabar-backup-'));
  try {
    await deps.database.dump(path.join(staging, deps.database.fileName));
    const hasMedia = existsSync(deps.mediaRoot);
    const manifest: BackupManifest = {
      format: 'khabar-backup',
      version: 1,
      dialect: deps.database.dialect,
      database: deps.database.fileName,
      createdAt: deps.now().toISOString(),
      mediaFiles: hasMedia ? countFiles(deps.mediaRoot) : 0,
    };
    writeFileSync(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    await createTar(path.resolve(file), [
      { dir: staging, names: [MANIFEST_FILE, deps.database.fileName] },
      { dir: path.dirname(deps.mediaRoot), names: hasMedia ? [path.basename(deps.mediaRoot)] : [] },
    ]);
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}
