/** Editorial states of an article (DESIGN §4). Only `published` is visible to readers. */
export const articleStatuses = ['draft', 'pending', 'scheduled', 'published', 'unpublished', 'trash'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];

/** An article as stored, with its relations resolved to ids in byline/section order. */
export interface Article {
  id: number;
  slug: string;
  title: string;
  lede: string | null;
  /** Sanitized HTML. */
  body: string;
  status: ArticleStatus;
  publishedAt: Date | null;
  /** Last change of what readers see; null when never changed after publication. */
  modifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  primarySectionId: number | null;
  sectionIds: number[];
  tagIds: number[];
  authorIds: number[];
  featuredMediaId: number | null;
  isBreaking: boolean;
  isFeatured: boolean;
  commentsOpen: boolean;
  seoTitle: string | null;
  seoDescription: string | null;
  /** Where search engines should index this story when not here (an imported Yoast canonical, http(s) only); null: its own URL. */
  canonicalUrl: string | null;
  readingMinutes: number;
  /** Incremented on every save; used for optimistic concurrency. */
  version: number;
  isDemo: boolean;
  /** Approved comments (kept by the store as comments change state). */
  commentCount: number;
  /** The user who created it (null for imports, demo content and deleted users). */
  createdBy: number | null;
  /** The user whose save made the current version (null: the system, e.g. the scheduler). */
  updatedBy: number | null;
  /** While in the trash: the state it was trashed from (restore goes back there). */
  previousStatus: ArticleStatus | null;
}

/**
 * What posting a comment needs of its article, read without the body and relations (a post read
 * ~20–50 KB of article text it never used): `authorIds` holds the first byline only, all that
 * permalinks use.
 */
export type CommentTarget = Pick<Article, 'id' | 'slug' | 'title' | 'status' | 'publishedAt' | 'primarySectionId' | 'commentsOpen' | 'commentCount'> & {
  authorIds: number[];
};

/** The few columns lists and blocks need, joined in one query. */
export interface ArticleCard {
  id: number;
  slug: string;
  title: string;
  lede: string | null;
  publishedAt: Date | null;
  primarySectionId: number | null;
  firstAuthorSlug: string | null;
  featuredMediaId: number | null;
  isBreaking: boolean;
  readingMinutes: number;
  commentCount: number;
}

export interface NewArticle {
  slug: string;
  title: string;
  lede?: string | null;
  body: string;
  status: ArticleStatus;
  publishedAt?: Date | null;
  modifiedAt?: Date | null;
  sectionIds?: number[];
  tagIds?: number[];
  authorIds?: number[];
  featuredMediaId?: number | null;
  isBreaking?: boolean;
  isFeatured?: boolean;
  commentsOpen?: boolean;
  seoTitle?: string | null;
  seoDescription?: string | null;
  canonicalUrl?: string | null;
  readingMinutes: number;
  isDemo?: boolean;
  createdBy?: number | null;
}
