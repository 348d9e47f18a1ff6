import type { Store } from '../../store/ports.js';
import type { SectionDirectory } from '../site/sectionDirectory.js';
import type { SiteSettingsSource } from '../site/siteSettings.js';

/** What the public reading operations need. Readers are anonymous: they see published content only. */
export interface ReadingDeps {
  store: Store;
  site: SiteSettingsSource;
  sections: SectionDirectory;
  now: () => Date;
}
