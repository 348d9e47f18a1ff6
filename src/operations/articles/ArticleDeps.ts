import type { Store } from '../../store/ports.js';
import type { SectionDirectory } from '../site/sectionDirectory.js';
import type { SiteSettingsSource } from '../site/siteSettings.js';

/** What the newsroom's article operations need; built once in main.ts. */
export interface ArticleDeps {
  store: Store;
  /** The site's settings (permalink structure and time zone for redirects and preview). */
  site: SiteSettingsSource;
  sections: SectionDirectory;
  now: () => Date;
  /** The public base URL (preview links, WebSub topics). */
  baseUrl: string;
  /** WebSub hubs pinged when a live article changes (config `websub.hubs`); none when absent. */
  websubHubs?: readonly string[];
}
