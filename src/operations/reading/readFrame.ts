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

/** The last frame built, per deps: the same object while its four parts are the same objects. */
const lastFrames = new WeakMap<ReadingDeps, FrameData>();

export async function readFrame(deps: ReadingDeps): Promise<FrameData> {
  // Settings, the section tree and these lists are held per process until a purge names them:
  // no store round-trip once warm.
  const [settings, sections, { breaking, footerPages }] = await Promise.all([deps.site.get(), deps.sections.get(), deps.frameLists.get()]);
  // One frame object while nothing changed: views and rendered HTML are memoised per frame object
  // (presenters, card views keyed by frame), so a fresh object per request would make every
  // long-lived card collect a view per request.
  const last = lastFrames.get(deps);
  if (last && last.settings === settings && last.sections === sections && last.breaking === breaking && last.footerPages === footerPages) return last;
  const frame = { settings, sections, breaking, footerPages };
  lastFrames.set(deps, frame);
  return frame;
}
