import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { importWordpress } from '../../src/importers/wordpress/importWordpress.js';
import { createLocalMediaStorage } from '../../src/media/createLocalMediaStorage.js';
import type { Store } from '../../src/store/ports.js';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';
import { photoJpeg } from '../support/images.js';

const file = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'wxr', 'wordpress-importer', 'phpunit', 'data', 'wxr-flat-attachment-same-site.xml');
const NOW = new Date('2026-11-29T10:00:00.000Z');
const config = loadConfig({ env: {}, overrides: { env: 'test', dataDir: '/nonexistent', logLevel: 'silent' } });

describe.skipIf(!existsSync(file))('WordPress attachments with --uploads', () => {
  let temp: string;
  let store: Store;
  beforeEach(async () => {
    temp = mkdtempSync(path.join(tmpdir(), 'khabar-wxr-uploads-'));
    store = createSqliteStore({ file: ':memory:', now: () => NOW });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
    rmSync(temp, { recursive: true, force: true });
  });

  const run = (uploadsDir: string) => {
    const storage = createLocalMediaStorage(path.join(temp, 'media'));
    return importWordpress({ store, site: config.site, now: () => NOW, media: { store, storage, limits: config.media, now: () => NOW } }, file, { uploadsDir });
  };

  it('copies the file through the media library (variants made), redirects the attachment page to its post, and updates on a re-run', async () => {
    const uploads = path.join(temp, 'uploads');
    mkdirSync(path.join(uploads, '2008', '06'), { recursive: true });
    writeFileSync(path.join(uploads, '2008', '06', 'canola2.jpg'), await photoJpeg(640, 480));
    const first = await run(uploads);
    expect(first.counts.media).toEqual({ created: 1, updated: 0, skipped: 0, failed: 0 });
    const [media] = await store.media.list({}, { limit: 5, offset: 0 });
    expect(media!.alt).toBe('canola');
    expect(media!.variants.length).toBeGreaterThan(2);
    expect(existsSync(path.join(temp, 'media', media!.key))).toBe(true);
    const page = first.urls.find((u) => u.from.endsWith('?attachment_id=611'))!;
    expect(page.status).toBe(301);
    expect(page.to).toBe(first.urls.find((u) => u.from.endsWith('?p=555'))!.to);

    const second = await run(uploads);
    expect(second.counts.media).toEqual({ created: 0, updated: 1, skipped: 0, failed: 0 });
    expect(await store.media.count({})).toBe(1);
  });

  it('keeps the original URL (and says so) when the file is missing from the folder', async () => {
    const report = await run(path.join(temp, 'empty'));
    expect(report.counts.media).toEqual({ created: 0, updated: 0, skipped: 1, failed: 0 });
    expect(report.mediaKeptAtOrigin).toEqual([{ wpId: '611', url: 'https://wpthemetestdata.files.wordpress.com/2008/06/canola2.jpg', reason: 'file missing' }]);
    expect(await store.media.count({})).toBe(0);
  });
});
