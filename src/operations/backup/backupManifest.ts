import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../errors/AppError.js';

/** What a backup archive says about itself (`manifest.json`, the archive's first member). */
export const backupManifestSchema = z.object({
  format: z.literal('khabar-backup'),
  version: z.literal(1),
  dialect: z.enum(['sqlite', 'postgres']),
  /** The database file inside the archive. */
  database: z.string().min(1),
  createdAt: z.string(),
  /** Files under media/ in the archive. */
  mediaFiles: z.number().int().min(0),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;

export const MANIFEST_FILE = 'manifest.json';

export function readBackupManifest(file: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new AppError('BACKUP_INVALID', 'the file is not a Khabar backup (no readable manifest.json)');
  }
  const parsed = backupManifestSchema.safeParse(value);
  if (!parsed.success) throw new AppError('BACKUP_INVALID', 'the file is not a Khabar backup this version can read (manifest.json does not match)');
  return parsed.data;
}
