import { loadConfig } from '../../src/config/loadConfig.js';
import type { ArticleDeps } from '../../src/operations/articles/ArticleDeps.js';
import { createSectionDirectory } from '../../src/operations/site/sectionDirectory.js';
import { createSiteSettingsSource } from '../../src/operations/site/siteSettings.js';
import type { Store } from '../../src/store/ports.js';

/** The article operations' dependencies over a test store, with the default site configuration. */
export function articleDepsOn(store: Store, now: () => Date): ArticleDeps {
  const config = loadConfig({ env: {}, overrides: { env: 'test', dataDir: '/nonexistent', baseUrl: 'https://khabar.example', logLevel: 'silent' } });
  const contentVersion = () => store.contentVersion();
  return {
    store,
    site: createSiteSettingsSource({ config: config.site, settings: store.settings, contentVersion }),
    sections: createSectionDirectory({ sections: store.sections, contentVersion }),
    now,
    baseUrl: config.baseUrl,
  };
}
