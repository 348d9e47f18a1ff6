import type { Command } from 'commander';
import { loadConfig } from '../../config/loadConfig.js';
import { mediaRootOf } from '../../media/mediaRootOf.js';
import { backupSite } from '../../operations/backup/backupSite.js';
import { restoreSite } from '../../operations/backup/restoreSite.js';
import { isStoreEmpty } from '../../operations/demo/loadDemo.js';
import { openDatabaseDump } from '../../store/openDatabaseDump.js';
import { openStore } from '../../store/openStore.js';

/** `khabar backup <file>` and `khabar restore <file>` (docs/operations.md, "Backups"). */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write the site (database and media) to one tar archive while it keeps serving: SQLite online backup, or pg_dump for PostgreSQL')
    .argument('<file>', 'the archive to write, e.g. /var/backups/khabar-2026-11-29.tar')
    .action(async (file: string) => {
      const config = loadConfig();
      const started = performance.now();
      const manifest = await backupSite({ database: await openDatabaseDump(config), mediaRoot: mediaRootOf(config), now: () => new Date() }, file);
      const seconds = (performance.now() - started) / 1000;
      console.log(`backup written to ${file}: ${manifest.dialect} database and ${manifest.mediaFiles} media files in ${seconds.toFixed(1)} s`);
    });

  program
    .command('restore')
    .description('replace the site (database and media) with a `khabar backup` archive; stop every node first, then migrate and start them')
    .argument('<file>', 'an archive written by `khabar backup`')
    .option('--force', 'replace a store that already has a site')
    .action(async (file: string, opts: { force?: boolean }) => {
      const config = loadConfig();
      const hasContent = async () => {
        const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          await store.migrate();
          return !(await isStoreEmpty(store));
        } finally {
          await store.close();
        }
      };
      const manifest = await restoreSite({ database: await openDatabaseDump(config), mediaRoot: mediaRootOf(config), hasContent }, file, { force: opts.force === true });
      // A backup from an older Khabar is brought up to this version's schema; a newer one is refused here.
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await store.migrate();
        await store.checkReady();
      } finally {
        await store.close();
      }
      console.log(`restored ${manifest.dialect} database and ${manifest.mediaFiles} media files from ${file} (backup of ${manifest.createdAt})`);
    });
}
