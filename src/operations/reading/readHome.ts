import type { ArticleCard } from '../../domain/article.js';
import type { Media } from '../../domain/media.js';
import type { Section } from '../../domain/section.js';
import { dayInZone } from '../site/dayInZone.js';
import { loadMedia } from './loadMedia.js';
import type { ReadingDeps } from './ReadingDeps.js';
import { readFrame, type FrameData } from './readFrame.js';

export interface HomeData {
  frame: FrameData;
  lead: ArticleCard | null;
  featured: ArticleCard[];
  latest: ArticleCard[];
  mostRead: ArticleCard[];
  blocks: Array<{ section: Section; articles: ArticleCard[] }>;
  media: Map<number, Media>;
}

const MOST_READ_DAYS = 7;

/** The front page: a lead story, featured stories, the latest news, the most read, a block per section. */
export async function readHome(deps: ReadingDeps): Promise<HomeData> {
  const frame = await readFrame(deps);
  const { articles } = deps.store;
  // One store round-trip for every list of cards (featured, newest, a block per top-level section).
  const [featuredAll = [], newest = [], ...blockLists] = await articles.listPublishedMany([
    { filter: { onlyFeatured: true }, paging: { limit: 4, offset: 0 } },
    { filter: {}, paging: { limit: 14, offset: 0 } },
    ...frame.sections.roots.map((section) => ({ filter: { sectionIds: frame.sections.subtreeIds(section.id) }, paging: { limit: 4, offset: 0 } })),
  ]);
  const lead = featuredAll[0] ?? newest[0] ?? null;
  const featured = featuredAll.filter((c) => c.id !== lead?.id).slice(0, 3);
  const shown = new Set([lead?.id, ...featured.map((c) => c.id)]);
  const latest = newest.filter((c) => !shown.has(c.id)).slice(0, 10);
  const since = dayInZone(new Date(deps.now().getTime() - (MOST_READ_DAYS - 1) * 86_400_000), frame.settings.timeZone);
  const mostRead = await articles.mostRead(since, 5);
  const blocks = frame.sections.roots.map((section, i) => ({ section, articles: blockLists[i] ?? [] }));
  const media = await loadMedia(deps.store, [lead, ...featured, ...latest, ...blocks.flatMap((b) => b.articles)]);
  return { frame, lead, featured, latest, mostRead, blocks: blocks.filter((b) => b.articles.length > 0), media };
}
