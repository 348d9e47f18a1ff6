import type { Store } from '../../store/ports.js';
import type { SectionDirectory } from '../site/sectionDirectory.js';
import type { SiteSettingsSource } from '../site/siteSettings.js';
import type { FrameLists } from './frameLists.js';

/** What the public reading operations need. Readers are anonymous: they see published content only. */
export interface ReadingDeps {
  store: Store;
  site: SiteSettingsSource;
  sections: SectionDirectory;
  /** The breaking-news bar and footer pages, held per process until a purge names them. */
  frameLists: FrameLists;
  now: () => Date;
}
