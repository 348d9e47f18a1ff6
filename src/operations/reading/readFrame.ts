import type { ArticleCard } from '../../domain/article.js';
import type { Page } from '../../domain/page.js';
import type { SiteSettings } from '../site/siteSettings.js';
import type { SectionIndex } from '../site/sectionDirectory.js';
import type { ReadingDeps } from './ReadingDeps.js';

/** What every public page shows around its content: settings, navigation, breaking news, footer pages. */
export interface FrameData {
  settings: SiteSettings;
  sections: SectionIndex;
  breaking: ArticleCard[];
  footerPages: Page[];
}

export async function readFrame(deps: ReadingDeps): Promise<FrameData> {
  // Settings, the section tree and these lists are held per process until a purge names them:
  // no store round-trip once warm.
  const [settings, sections, { breaking, footerPages }] = await Promise.all([deps.site.get(), deps.sections.get(), deps.frameLists.get()]);
  return { settings, sections, breaking, footerPages };
}
