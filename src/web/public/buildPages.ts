import { renderEmbedsForReaders } from './renderEmbedsForReaders.js';
import { CROP_RATIOS, cropOf } from '../../domain/media.js';
import type { Page } from '../../domain/page.js';
import type { ArchiveData } from '../../operations/reading/readArchive.js';
import type { ArticleData } from '../../operations/reading/readArticle.js';
import type { FrameData } from '../../operations/reading/readFrame.js';
import type { HomeData } from '../../operations/reading/readHome.js';
import type { ArchivePageView, ArticlePageView, CommentFormPageView, CommentFormView, ErrorPageView, HomePageView, LinkView, SiteView, StaticPageView } from '../../views/models.js';
import { feedPath } from '../../operations/distribution/readFeed.js';
import { presentComments } from './presentComments.js';
import { href, htmlToText, truncate, type FramePresenter, type Presenter } from './createPresenter.js';

/**
 * View models of every public page, from what the reading operations returned. A view model is
 * built once per data object (the read memo keeps data objects for as long as the content version
 * holds) and only its `site` frame, which carries today's date, is renewed per request.
 */
export function createPageBuilders(presenter: Presenter) {
  const built = build(presenter);
  const views = new WeakMap<object, { site: SiteView }>();
  function once<D extends object, V extends { site: SiteView }>(data: D, frame: FrameData, activeSectionId: number | null, make: () => V): V {
    const known = views.get(data) as V | undefined;
    if (known) return { ...known, site: presenter.forFrame(frame, activeSectionId).site };
    const view = make();
    views.set(data, view);
    return view;
  }
  return {
    home: (data: HomeData) => once(data, data.frame, null, () => built.home(data)),
    article: (data: ArticleData, canonicalPath: string) =>
      once(data, data.frame, data.article.primarySectionId, () => built.article(data, canonicalPath)),
    archive: (data: ArchiveData, basePath: string) =>
      once(data, data.frame, data.subject.kind === 'section' ? data.subject.section.id : null, () => built.archive(data, basePath)),
    staticPage: (frame: FrameData, page: Page) => once(page, frame, null, () => built.staticPage(frame, page)),
    commentForm: built.commentForm,
    error: built.error,
  };
}

function build(presenter: Presenter) {
  return {
    home(data: HomeData): HomePageView {
      const p = presenter.forFrame(data.frame);
      const card = (c: Parameters<typeof p.card>[0]) => p.card(c, data.media);
      const title = p.settings.tagline ? `${p.settings.name} | ${p.settings.tagline}` : p.settings.name;
      return {
        site: p.site,
        head: {
          ...p.head(title, p.settings.tagline || p.settings.name, '/'),
          social: { type: 'website', locale: ogLocale(p.settings.locale), image: null },
          jsonLd: [
            { '@context': 'https://schema.org', ...publisherOf(p), url: p.absolute('/') },
            {
              '@context': 'https://schema.org',
              '@type': 'WebSite',
              name: p.settings.name,
              url: p.absolute('/'),
              inLanguage: p.settings.locale,
              potentialAction: {
                '@type': 'SearchAction',
                target: { '@type': 'EntryPoint', urlTemplate: `${p.absolute('/search')}?q={search_term_string}` },
                'query-input': 'required name=search_term_string',
              },
            },
          ],
        },
        lead: data.lead ? card(data.lead) : null,
        featured: data.featured.map(card),
        latest: data.latest.map(card),
        mostRead: data.mostRead.map(card),
        sections: data.blocks.map((b) => ({ section: p.sectionLink(b.section), articles: b.articles.map(card) })),
      };
    },

    article(data: ArticleData, canonicalPath: string): ArticlePageView {
      const { article } = data;
      const p = presenter.forFrame(data.frame, article.primarySectionId);
      const sections = data.frame.sections;
      const section = article.primarySectionId === null ? undefined : sections.byId.get(article.primarySectionId);
      const canonical = p.absolute(canonicalPath);
      const breadcrumbs: LinkView[] = [{ name: 'الرئيسية', href: '/' }];
      if (section) for (const s of [...sections.ancestors(section), section]) breadcrumbs.push(p.sectionLink(s));
      const description = article.seoDescription ?? article.lede ?? truncate(htmlToText(article.body), 160);
      const published = p.dateTime(article.publishedAt);
      // "Updated" is shown only when the change is worth telling readers (a minute or more later).
      const modified =
        article.modifiedAt && article.publishedAt && article.modifiedAt.getTime() - article.publishedAt.getTime() >= 60_000
          ? p.dateTime(article.modifiedAt)
          : null;
      const media = article.featuredMediaId === null ? undefined : data.media.get(article.featuredMediaId);
      const image = p.image(media);
      // Library images bring 16:9, 4:3 and 1:1 crops (≤ 1,200 wide): the 16:9 one is the card image.
      const crops = media ? CROP_RATIOS.map((ratio) => cropOf(media, ratio)).filter((c) => c !== undefined) : [];
      const wide = crops.find((c) => c.crop === '16:9');
      const socialImage = wide
        ? { url: absoluteUrl(p, p.mediaUrl(wide.key)), width: wide.width, height: wide.height, alt: media!.alt }
        : image
          ? { url: absoluteUrl(p, image.url), width: image.width, height: image.height, alt: image.alt }
          : null;
      const ldImages = crops.length === CROP_RATIOS.length ? crops.map((c) => absoluteUrl(p, p.mediaUrl(c.key))) : socialImage ? [socialImage.url] : [];
      const body = renderEmbedsForReaders(article.body);
      return {
        site: p.site,
        head: {
          ...p.head(article.seoTitle ?? `${article.title} | ${p.settings.name}`, description, canonicalPath),
          // An imported Yoast canonical (http(s) only, checked when stored) names where the story is indexed.
          ...(article.canonicalUrl ? { canonical: article.canonicalUrl } : {}),
          ...(body.hasEmbeds ? { scripts: [p.site.embedsScriptHref] } : {}),
          commentsFeed: {
            name: `${p.settings.name} » تعليقات على ${article.title}`,
            href: href(feedPath(canonicalPath.endsWith('/') ? canonicalPath : `${canonicalPath}/`, 'rss')),
          },
          social: {
            type: 'article',
            locale: ogLocale(p.settings.locale),
            image: socialImage,
            ...(published ? { publishedTime: published.iso } : {}),
            ...((modified ?? published) ? { modifiedTime: (modified ?? published)!.iso } : {}),
            ...(section ? { section: section.name } : {}),
            tags: data.tags.map((t) => t.name),
            authors: data.authors.filter((a) => !a.isGuest).map((a) => p.absolute(`/author/${a.slug}/`)),
          },
          jsonLd: [
            {
              '@context': 'https://schema.org',
              '@type': 'NewsArticle',
              headline: article.title,
              description,
              ...(ldImages.length > 0 ? { image: ldImages } : {}),
              ...(published ? { datePublished: published.iso } : {}),
              dateModified: (modified ?? published)?.iso,
              author: data.authors.map((a) => ({
                '@type': 'Person',
                name: a.name,
                ...(a.isGuest ? {} : { url: p.absolute(`/author/${a.slug}/`) }),
              })),
              publisher: publisherOf(p),
              ...(section ? { articleSection: section.name } : {}),
              keywords: data.tags.map((t) => t.name),
              commentCount: data.comments.count,
              inLanguage: p.settings.locale,
              mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
              isAccessibleForFree: true,
            },
            breadcrumbList(breadcrumbs, p.absolute('/'), article.title, canonical),
          ],
        },
        article: {
          id: article.id,
          title: article.title,
          lede: article.lede,
          bodyHtml: body.html,
          section: section ? p.sectionLink(section) : null,
          authors: data.authors.map((a) => ({ name: a.name, href: a.isGuest ? null : href(`/author/${a.slug}/`) })),
          published,
          updated: modified,
          image,
          tags: data.tags.map((t) => ({ name: t.name, href: href(`/tag/${t.slug}/`) })),
          isBreaking: article.isBreaking,
          readingMinutes: article.readingMinutes,
          canonical,
        },
        comments: presentComments(data.comments, canonicalPath, (d) => p.dateTime(d)!),
        share: p.share(canonical, article.title),
        related: data.related.map((c) => p.card(c, data.media)),
        previous: data.previous ? p.card(data.previous, data.media) : null,
        next: data.next ? p.card(data.next, data.media) : null,
        breadcrumbs,
      };
    },

    archive(data: ArchiveData, basePath: string): ArchivePageView {
      const { subject } = data;
      const activeSection = subject.kind === 'section' ? subject.section.id : null;
      const p = presenter.forFrame(data.frame, activeSection);
      const sections = data.frame.sections;
      const pageSuffix = data.page > 1 ? ` - الصفحة ${data.page}` : '';
      const pagePath = (n: number) => (n === 1 ? basePath : `${basePath}page/${n}/`);
      let title: string;
      let description: string | null;
      const breadcrumbs: LinkView[] = [{ name: 'الرئيسية', href: '/' }];
      let children: LinkView[] = [];
      if (subject.kind === 'section') {
        title = subject.section.name;
        description = subject.section.description;
        for (const s of sections.ancestors(subject.section)) breadcrumbs.push(p.sectionLink(s));
        children = sections.children(subject.section.id).map(p.sectionLink);
      } else if (subject.kind === 'tag') {
        title = subject.tag.name;
        description = subject.tag.description;
      } else {
        title = subject.author.name;
        description = subject.author.bio;
      }
      const kindLabel = subject.kind === 'section' ? 'قسم' : subject.kind === 'tag' ? 'وسم' : 'الكاتب';
      return {
        site: p.site,
        head: {
          ...p.head(`${title}${pageSuffix} | ${p.settings.name}`, description ?? `${kindLabel} ${title} على ${p.settings.name}`, pagePath(data.page)),
          feed: { name: `${p.settings.name} - ${title}`, href: href(`${basePath}feed/`) },
          social: { type: 'website', locale: ogLocale(p.settings.locale), image: null },
          ...(subject.kind === 'section' ? { jsonLd: [breadcrumbList(breadcrumbs, p.absolute('/'), title, p.absolute(basePath))] } : {}),
        },
        kind: subject.kind,
        title,
        description,
        breadcrumbs,
        children,
        articles: data.articles.map((c) => p.card(c, data.media)),
        pagination: {
          page: data.page,
          totalPages: data.totalPages,
          prevHref: data.page > 1 ? href(pagePath(data.page - 1)) : null,
          nextHref: data.page < data.totalPages ? href(pagePath(data.page + 1)) : null,
        },
      };
    },

    staticPage(frame: FrameData, page: Page): StaticPageView {
      const p = presenter.forFrame(frame);
      const body = renderEmbedsForReaders(page.body);
      return {
        site: p.site,
        head: {
          ...p.head(`${page.title} | ${p.settings.name}`, truncate(htmlToText(page.body), 160), `/${page.slug}/`),
          ...(body.hasEmbeds ? { scripts: [p.site.embedsScriptHref] } : {}),
        },
        page: { title: page.title, bodyHtml: body.html, updated: p.date(page.updatedAt) },
      };
    },

    commentForm(frame: FrameData, article: LinkView, form: CommentFormView): CommentFormPageView {
      const p = presenter.forFrame(frame);
      return { site: p.site, head: p.head(`راجع تعليقك | ${p.settings.name}`, 'راجع تعليقك', '/', 'noindex'), article, form };
    },

    error(frame: FrameData, status: ErrorPageView['status'], latest: HomeData['latest'] = [], detail?: string): ErrorPageView {
      const p = presenter.forFrame(frame);
      return {
        site: p.site,
        head: p.head(`${errorTitles[status]} | ${p.settings.name}`, errorTitles[status], '/', 'noindex'),
        status,
        ...(detail !== undefined ? { detail } : {}),
        latest: latest.map((c) => p.card(c, new Map())),
      };
    },
  };
}

const errorTitles: Record<ErrorPageView['status'], string> = {
  400: 'طلب غير صالح',
  403: 'طلب مرفوض',
  404: 'الصفحة غير موجودة',
  413: 'ما أرسلته كبير جداً',
  414: 'الرابط طويل جداً',
  429: 'طلبات كثيرة في وقت قصير',
  500: 'حدث خطأ غير متوقع',
  503: 'الخدمة غير متاحة مؤقتاً',
};

export type PageBuilders = ReturnType<typeof createPageBuilders>;

/** 'ar-MA' → 'ar_MA', the form OpenGraph uses. */
function ogLocale(locale: string): string {
  return locale.replace('-', '_');
}

function absoluteUrl(p: FramePresenter, url: string): string {
  return /^https?:\/\//.test(url) ? url : `${p.site.baseUrl}${url}`;
}

/** The news organisation, as schema.org wants it for `publisher`. */
function publisherOf(p: FramePresenter) {
  return {
    '@type': 'NewsMediaOrganization',
    name: p.settings.name,
    logo: { '@type': 'ImageObject', url: absoluteUrl(p, p.settings.logoUrl ?? '/assets/favicon.svg') },
  };
}

/** BreadcrumbList from the page's trail (relative hrefs made absolute) and the page itself. */
function breadcrumbList(trail: LinkView[], homeUrl: string, currentName: string, currentUrl: string) {
  const items = trail.map((link) => ({ name: link.name, url: link.href === '/' ? homeUrl : `${homeUrl.replace(/\/$/, '')}${link.href}` }));
  items.push({ name: currentName, url: currentUrl });
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, name: item.name, item: item.url })),
  };
}
