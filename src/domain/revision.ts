import type { Article } from './article.js';

/** What a revision keeps: every field readers or editors can change, with relations. */
export type ArticleSnapshot = Pick<
  Article,
  | 'slug'
  | 'title'
  | 'lede'
  | 'body'
  | 'status'
  | 'primarySectionId'
  | 'sectionIds'
  | 'tagIds'
  | 'authorIds'
  | 'featuredMediaId'
  | 'isBreaking'
  | 'isFeatured'
  | 'commentsOpen'
  | 'seoTitle'
  | 'seoDescription'
  | 'readingMinutes'
> & {
  publishedAt: string | null;
  /** Absent from revisions saved before the field could be edited: restoring one leaves it as it is. */
  canonicalUrl?: string | null;
};

/** One saved state of an article. */
export interface ArticleRevision {
  id: number;
  articleId: number;
  /** The article version this revision holds. */
  version: number;
  title: string;
  createdBy: number | null;
  createdAt: Date;
  snapshot: ArticleSnapshot;
}

/** The snapshot of an article as stored. */
export function snapshotOf(article: Article): ArticleSnapshot {
  return {
    slug: article.slug,
    title: article.title,
    lede: article.lede,
    body: article.body,
    status: article.status,
    publishedAt: article.publishedAt ? article.publishedAt.toISOString() : null,
    primarySectionId: article.primarySectionId,
    sectionIds: article.sectionIds,
    tagIds: article.tagIds,
    authorIds: article.authorIds,
    featuredMediaId: article.featuredMediaId,
    isBreaking: article.isBreaking,
    isFeatured: article.isFeatured,
    commentsOpen: article.commentsOpen,
    seoTitle: article.seoTitle,
    seoDescription: article.seoDescription,
    canonicalUrl: article.canonicalUrl,
    readingMinutes: article.readingMinutes,
  };
}
