import type { ArticleCard } from '../../domain/article.js';
import { memoPerObject } from '../../lib/memoPerObject.js';
import type { Media } from '../../domain/media.js';
import { encodePath } from '../../domain/permalink.js';
import type { Section } from '../../domain/section.js';
import { createDateFormatter, formatDateView, type DateFormatter } from '../../domain/text/dates.js';
import type { MediaStorage } from '../../media/MediaStorage.js';
import { presentImage } from './presentImage.js';
import type { FrameData } from '../../operations/reading/readFrame.js';
import { articlePath, permalinkFor } from '../../operations/reading/resolvePath.js';
import { commentCountLabel } from './commentCountLabel.js';
import type { SiteSettings } from '../../operations/site/siteSettings.js';
import type {
  ArticleCardView,
  DateView,
  HeadView,
  ImageView,
  LinkView,
  ShareLinkView,
  SiteView,
  SocialLinkView,
} from '../../views/models.js';

export interface PresenterOptions {
  baseUrl: string;
  stylesheetHref: string;
  embedsScriptHref: string;
  media: MediaStorage;
  now: () => Date;
}

/** Turns operation results into the plain view models of src/views/models.ts. */
export interface Presenter {
  /** Everything about URLs and dates for one request's frame. */
  forFrame(frame: FrameData, activeSectionId?: number | null): FramePresenter;
}

/** A frame's presenter without the per-request date, and how to make that date. */
interface BuiltFrame {
  presenter: Omit<FramePresenter, 'site'>;
  stable: Omit<SiteView, 'today'>;
  today: () => DateView;
}

export interface FramePresenter {
  site: SiteView;
  settings: SiteSettings;
  date(date: Date | null): DateView | null;
  /** Date and time ("29 نونبر 2026 - 10:05"), for article publication and updates. */
  dateTime(date: Date | null): DateView | null;
  card(card: ArticleCard, media: ReadonlyMap<number, Media>): ArticleCardView;
  image(media: Media | undefined): ImageView | null;
  /** Public URL path of a stored media key. */
  mediaUrl(key: string): string;
  sectionLink(section: Section): LinkView;
  /** Unicode path of an article. */
  articlePath(article: { id: number; slug: string; publishedAt: Date | null; primarySectionId: number | null }, authorSlug: string | null): string;
  /** Absolute, percent-encoded URL of a Unicode path. */
  absolute(path: string): string;
  head(title: string, description: string, canonicalPath: string, robots?: string | null): HeadView;
  share(url: string, title: string): ShareLinkView[];
}

/** Percent-encoded href of a Unicode path (query string kept as is). */
export function href(path: string): string {
  return encodePath(path);
}

export function createPresenter(options: PresenterOptions): Presenter {
  // Card views depend only on the card and the frame it was read with; both are kept by the read
  // memo for as long as the content version holds, so a card is presented once, not per request.
  const cardViews = memoPerObject<ArticleCard, FrameData, ArticleCardView>();
  const presenters = memoPerObject<FrameData, number | null, BuiltFrame>();
  const formatters = new Map<string, DateFormatter>();
  const formatterFor = (locale: string, timeZone: string) => {
    const key = `${locale}|${timeZone}`;
    let f = formatters.get(key);
    if (!f) {
      f = createDateFormatter({ locale, timeZone });
      formatters.set(key, f);
    }
    return f;
  };

  return {
    forFrame(frame, activeSectionId = null) {
      // The presenter of a frame is built once per frame and active section; only the date moves.
      const built = presenters(frame, activeSectionId, () => buildFramePresenter(frame, activeSectionId));
      return { ...built.presenter, site: { ...built.stable, today: built.today() } };
    },
  };

  function buildFramePresenter(frame: FrameData, activeSectionId: number | null): BuiltFrame {
    const { settings, sections } = frame;
    const fmt = formatterFor(settings.locale, settings.timeZone);
    const permalink = permalinkFor(settings.permalink, settings.timeZone);
    const dir = isRtl(settings.locale) ? 'rtl' : 'ltr';
    const sectionLink = (section: Section): LinkView => ({
      name: section.name,
      href: href(`/category/${sections.path(section)}/`),
    });
    const activeRoot = (() => {
      let current = activeSectionId === null ? undefined : sections.byId.get(activeSectionId);
      while (current && current.parentId !== null && sections.byId.has(current.parentId)) current = sections.byId.get(current.parentId);
      return current?.id ?? null;
    })();
    const date = (d: Date | null): DateView | null => (d ? formatDateView(fmt, d) : null);
    const pathOf: FramePresenter['articlePath'] = (article, authorSlug) => articlePath(permalink, sections, article, authorSlug);
    const image = (m: Media | undefined): ImageView | null => (m ? presentImage(m, options.media) : null);
    const card = (c: ArticleCard, media: ReadonlyMap<number, Media>): ArticleCardView => cardViews(c, frame, () => presentCard(c, media));
    const presentCard = (c: ArticleCard, media: ReadonlyMap<number, Media>): ArticleCardView => {
      const section = c.primarySectionId === null ? undefined : sections.byId.get(c.primarySectionId);
      return {
        id: c.id,
        title: c.title,
        href: href(pathOf(c, c.firstAuthorSlug)),
        lede: c.lede,
        section: section ? sectionLink(section) : null,
        published: date(c.publishedAt),
        image: c.featuredMediaId === null ? null : image(media.get(c.featuredMediaId)),
        isBreaking: c.isBreaking,
        readingMinutes: c.readingMinutes,
        comments: c.commentCount > 0 ? { name: commentCountLabel(c.commentCount), href: `${href(pathOf(c, c.firstAuthorSlug))}#comments` } : null,
      };
    };
    const absolute = (path: string) => options.baseUrl + href(path);
    const social: SocialLinkView[] = (Object.entries(settings.social) as Array<[SocialLinkView['network'], string | null]>)
      .filter((entry): entry is [SocialLinkView['network'], string] => entry[1] !== null)
      .map(([network, url]) => ({ network, href: url }));

    // Everything in the frame but today's date is built once per frame and active section.
    const stable: Omit<SiteView, 'today'> = {
      name: settings.name,
      tagline: settings.tagline,
      lang: settings.locale.split('-')[0] ?? settings.locale,
      dir,
      baseUrl: options.baseUrl,
      logoUrl: settings.logoUrl,
      nav: sections.roots.map((s) => ({ ...sectionLink(s), slug: s.slug, active: s.id === activeRoot })),
      breaking: frame.breaking.map((c) => card(c, new Map())),
      follow: { whatsapp: settings.follow.whatsapp, googleNews: settings.follow.googleNews },
      social,
      footerPages: frame.footerPages.map((p) => ({ name: p.title, href: href(`/${p.slug}/`) })),
      stylesheetHref: options.stylesheetHref,
      embedsScriptHref: options.embedsScriptHref,
      searchEnabled: true,
    };
    const todayFmt = { ...fmt, long: fmt.longWithWeekday };
    // The masthead's date changes once a day; computed at most once a minute.
    let todayCache: { minute: number; view: DateView } | null = null;
    const today = () => {
      const now = options.now();
      const minute = Math.floor(now.getTime() / 60_000);
      if (todayCache?.minute !== minute) todayCache = { minute, view: formatDateView(todayFmt, now) };
      return todayCache.view;
    };

    return {
      stable,
      today,
      presenter: {
      settings,
      date,
      dateTime: (d) => (d ? { text: `${fmt.long(d)} - ${fmt.time(d)}`, iso: fmt.isoWithOffset(d) } : null),
      card,
      image,
      mediaUrl: (key) => options.media.urlPath(key),
      sectionLink,
      articlePath: pathOf,
      absolute,
      head: (title, description, canonicalPath, robots = null) => ({
        title,
        description: truncate(description, 300),
        canonical: absolute(canonicalPath),
        // Large image previews in search and Discover unless a page asks for less (noindex pages).
        robots: robots ?? 'max-image-preview:large',
      }),
      share(url, title) {
        const u = encodeURIComponent(url);
        const t = encodeURIComponent(title);
        return [
          { network: 'whatsapp', label: 'واتساب', href: `https://wa.me/?text=${t}%20${u}` },
          { network: 'facebook', label: 'فيسبوك', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
          { network: 'x', label: 'إكس', href: `https://x.com/intent/post?url=${u}&text=${t}` },
          { network: 'telegram', label: 'تيليغرام', href: `https://t.me/share/url?url=${u}&text=${t}` },
        ];
      },
      },
    };
  }
}

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

function isRtl(locale: string): boolean {
  return RTL_LANGUAGES.has((locale.split('-')[0] ?? '').toLowerCase());
}

/** Cuts text at a word boundary for meta descriptions. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if ([...clean].length <= max) return clean;
  const cut = [...clean].slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trim()}…`;
}

/** Plain text of stored HTML, for descriptions. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

