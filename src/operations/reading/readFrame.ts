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
  const [settings, sections, breaking, footerPages] = await Promise.all([
    deps.site.get(),
    deps.sections.get(),
    deps.store.articles.listPublished({ onlyBreaking: true }, { limit: 3, offset: 0 }),
    deps.store.pages.listPublished(),
  ]);
  return { settings, sections, breaking, footerPages };
}
