import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { loadConfig, type ResolvedConfig } from '../../src/config/loadConfig.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { buildKhabar, type Khabar } from '../../src/main.js';
import type { RateLimiter } from '../../src/ratelimit/RateLimiter.js';
import type { AdminRouteModule } from '../../src/web/admin-api/registerAdminApi.js';
import type { Store } from '../../src/store/ports.js';
import type { AdminApp } from '../../src/web/admin-app/loadAdminApp.js';

/** The instant test sites are built at; demo dates are relative to it. */
export const TEST_NOW = new Date('2026-11-29T10:00:00.000Z');

export interface TestSite {
  khabar: Khabar;
  config: ResolvedConfig;
  dataDir: string;
  /** Closes the app and store and removes the data folder. */
  dispose(): Promise<void>;
}

/**
 * A Khabar with the demo site, on a fresh SQLite file in a temporary folder (or on `store` when
 * given), driven in-process with `khabar.app.inject`.
 */
export async function openTestSite(
  options: {
    overrides?: ConfigInput;
    store?: Store;
    now?: () => Date;
    demo?: boolean;
    rateLimiter?: RateLimiter;
    adminRoutes?: readonly AdminRouteModule[];
    logger?: Logger;
    adminApp?: AdminApp | null;
  } = {},
): Promise<TestSite> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'khabar-test-'));
  const config = loadConfig({
    env: {},
    overrides: { env: 'test', dataDir, baseUrl: 'https://khabar.example', logLevel: 'silent', ...options.overrides },
  });
  const khabar = await buildKhabar({
    config,
    logger: options.logger ?? pino({ level: 'silent' }),
    now: options.now ?? (() => TEST_NOW),
    ...(options.store ? { store: options.store } : {}),
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    ...(options.adminRoutes ? { adminRoutes: options.adminRoutes } : {}),
    ...(options.adminApp !== undefined ? { adminApp: options.adminApp } : {}),
    demo: options.demo ?? true,
  });
  return {
    khabar,
    config,
    dataDir,
    async dispose() {
      await khabar.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
