/**
 * Plain data the views render. Views never see repositories: operations build these objects,
 * views turn them into HTML. Dates are already formatted for the site's locale and time zone.
 */

/** A moment shown to readers: `text` for people ("15 شتنبر 2022"), `iso` for `<time datetime>` with the site's offset. */
export interface DateView {
  text: string;
  iso: string;
}

export interface LinkView {
  name: string;
  href: string;
}

export interface ImageVariantView {
  url: string;
  width: number;
}

/** A `<source>` of a `<picture>`: another format of the same widths. */
export interface ImageSourceView {
  /** MIME type, e.g. 'image/avif', 'image/webp'. */
  type: string;
  srcset: string;
}

export interface ImageView {
  /** The `src`: for library images a mid-size variant in the fallback format, not the original. */
  url: string;
  width: number | null;
  height: number | null;
  alt: string;
  caption: string | null;
  credit: string | null;
  /** Empty when no variants exist; otherwise used for `srcset`. */
  variants: ImageVariantView[];
  /**
   * Set for media-library images (AVIF, WebP before the fallback `variants`, which then alone
   * make the `<img>` srcset); absent for older images, whose original joins their srcset.
   */
  sources?: ImageSourceView[];
}

export interface AuthorRefView {
  name: string;
  /** Null for a guest byline without a profile page. */
  href: string | null;
}

/** An article as shown in lists and blocks. */
export interface ArticleCardView {
  id: number;
  title: string;
  href: string;
  lede: string | null;
  section: LinkView | null;
  published: DateView | null;
  image: ImageView | null;
  isBreaking: boolean;
  readingMinutes: number;
  /** "3 تعليقات", linking to the article's comments; null when there are none. */
  comments: LinkView | null;
}

export interface SectionNavView extends LinkView {
  slug: string;
  active: boolean;
}

export interface FollowLinksView {
  whatsapp: string | null;
  googleNews: string | null;
}

export interface SocialLinkView {
  network: 'facebook' | 'x' | 'instagram' | 'youtube' | 'telegram' | 'tiktok' | 'whatsapp';
  href: string;
}

/** What every page's frame needs. */
export interface SiteView {
  name: string;
  tagline: string;
  lang: string;
  dir: 'rtl' | 'ltr';
  baseUrl: string;
  logoUrl: string | null;
  today: DateView;
  nav: SectionNavView[];
  breaking: ArticleCardView[];
  follow: FollowLinksView;
  social: SocialLinkView[];
  footerPages: LinkView[];
  /** Fingerprinted URL of the stylesheet. */
  stylesheetHref: string;
  /** The click-to-load embeds script (pages with an embed block name it in `HeadView.scripts`). */
  embedsScriptHref: string;
  /** Whether the site search exists (forms are only shown when it does). */
  searchEnabled?: boolean;
}

/** The document head of a page. */
export interface HeadView {
  title: string;
  description: string;
  canonical: string;
  /** e.g. 'noindex' on thin pages; null for the default. */
  robots: string | null;
  /** The page's own RSS feed (archives), announced next to the site's feeds. */
  feed?: LinkView;
  /** An article's comment feed (`<permalink>feed/`). */
  commentsFeed?: LinkView;
  /** OpenGraph / Twitter card details beyond title, description and URL. */
  social?: SocialMetaView;
  /** Structured data (schema.org objects), each written as one JSON-LD block. */
  jsonLd?: object[];
  /** First-party scripts the page needs (deferred); none on most reading pages. */
  scripts?: string[];
}

export interface SocialMetaView {
  type: 'website' | 'article';
  /** e.g. 'ar_MA'. */
  locale: string;
  image: { url: string; width: number | null; height: number | null; alt: string } | null;
  /** Article only: ISO instants with the site's offset, section name, tag names, author page URLs. */
  publishedTime?: string;
  modifiedTime?: string;
  section?: string;
  tags?: string[];
  authors?: string[];
}

export interface PaginationView {
  page: number;
  totalPages: number;
  prevHref: string | null;
  nextHref: string | null;
}

export interface ShareLinkView {
  network: 'whatsapp' | 'facebook' | 'x' | 'telegram';
  label: string;
  href: string;
}

export interface ArticlePageView {
  site: SiteView;
  head: HeadView;
  article: {
    id: number;
    title: string;
    lede: string | null;
    /** Sanitized HTML, safe to insert as is. */
    bodyHtml: string;
    section: LinkView | null;
    authors: AuthorRefView[];
    published: DateView | null;
    /** Null when never updated after publication. */
    updated: DateView | null;
    image: ImageView | null;
    tags: LinkView[];
    isBreaking: boolean;
    readingMinutes: number;
    canonical: string;
  };
  share: ShareLinkView[];
  related: ArticleCardView[];
  previous: ArticleCardView | null;
  next: ArticleCardView | null;
  breadcrumbs: LinkView[];
  comments: CommentsView;
}

/** An initials avatar drawn by CSS: no request to Gravatar or anyone else. */
export interface AvatarView {
  initials: string;
  /** Hue (0–359) derived from the name, so one person keeps one colour. */
  hue: number;
}

export interface CommentView {
  id: number;
  authorName: string;
  /** Safe http(s) URL, shown with rel="nofollow ugc". */
  authorUrl: string | null;
  isStaff: boolean;
  avatar: AvatarView;
  date: DateView;
  /** Sanitized HTML (the comment allow-list), safe to insert as is. */
  bodyHtml: string;
  /** `?replytocom=<id>#respond`, or null where replies are not possible (closed, deepest level). */
  replyHref: string | null;
  /** A held comment, shown to its author only. */
  pending: boolean;
  replies: CommentView[];
}

export interface CommentsView {
  open: boolean;
  count: number;
  /** "3 تعليقات", "تعليق واحد", … */
  countLabel: string;
  threads: CommentView[];
  pagination: PaginationView;
  /** Link to `#respond` on the article's own URL (the form lives on every comment page). */
  articleHref: string;
}

/** The comment form as one reader sees it: rendered per request (fresh token, their values, their errors). */
export interface CommentFormView {
  action: string;
  articleId: number;
  token: string;
  parentId: number | null;
  /** The comment being answered, with a link that cancels the reply. */
  replyTo: { id: number; authorName: string; cancelHref: string } | null;
  values: { author: string; email: string; url: string; comment: string; remember: boolean };
  errors: Partial<Record<'author' | 'email' | 'url' | 'comment' | 'comment_parent' | 'form', string>>;
}

/** The form on its own page, when a post came back with errors (no JavaScript needed). */
export interface CommentFormPageView {
  site: SiteView;
  head: HeadView;
  article: LinkView;
  form: CommentFormView;
}

export interface HomeSectionBlockView {
  section: LinkView;
  articles: ArticleCardView[];
}

export interface HomePageView {
  site: SiteView;
  head: HeadView;
  lead: ArticleCardView | null;
  featured: ArticleCardView[];
  latest: ArticleCardView[];
  mostRead: ArticleCardView[];
  sections: HomeSectionBlockView[];
}

/** Section, tag and author archives share one shape. */
export interface ArchivePageView {
  site: SiteView;
  head: HeadView;
  kind: 'section' | 'tag' | 'author';
  title: string;
  description: string | null;
  /** Section: its parents, for breadcrumbs. */
  breadcrumbs: LinkView[];
  /** Section: its subsections. */
  children: LinkView[];
  /** Author: avatar initials and bio are in description; guest authors have no archive. */
  articles: ArticleCardView[];
  pagination: PaginationView;
}

export interface StaticPageView {
  site: SiteView;
  head: HeadView;
  page: { title: string; bodyHtml: string; updated: DateView | null };
}

export interface ErrorPageView {
  site: SiteView;
  head: HeadView;
  status: 400 | 403 | 404 | 413 | 414 | 429 | 500 | 503;
  /** A sentence that says more than the status (e.g. "comments are closed on this article"). */
  detail?: string;
  /** Recent articles to link back to (empty when the store is unavailable). */
  latest: ArticleCardView[];
}

/** A piece of a search result's title or snippet; `mark` pieces matched the query. */
export interface MarkedTextView {
  text: string;
  mark: boolean;
}

export interface SearchResultView {
  card: ArticleCardView;
  title: MarkedTextView[];
  snippet: MarkedTextView[];
}

/** The results page at /search?q= and /?s= (noindex). */
export interface SearchPageView {
  site: SiteView;
  head: HeadView;
  query: string;
  /** What to tell the reader above the results (empty query, nothing searchable, no results, fallback, too many requests). */
  notice: string | null;
  /** "عدد النتائج: N" line; null when there are none. */
  total: number | null;
  suggestion: LinkView | null;
  results: SearchResultView[];
  pagination: PaginationView;
  filters: {
    sections: Array<{ slug: string; name: string; selected: boolean }>;
    author: { slug: string; name: string } | null;
    from: string | null;
    to: string | null;
  };
}
