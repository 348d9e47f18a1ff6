import type { Insertable } from 'kysely';
import type { NewArticle } from '../../domain/article.js';
import type { NewComment } from '../../domain/comment.js';
import type { Database } from './schema.js';
import { toFlag, toIsoOrNull } from './values.js';

/**
 * The stored columns of a new article's content (not its bookkeeping: ids, times, version,
 * authorship), shared by the newsroom's create and the importers' writes.
 */
export function articleContentColumns(input: NewArticle) {
  return {
    slug: input.slug,
    title: input.title,
    lede: input.lede ?? null,
    body: input.body,
    status: input.status,
    published_at: toIsoOrNull(input.publishedAt),
    modified_at: toIsoOrNull(input.modifiedAt),
    primary_section_id: [...new Set(input.sectionIds ?? [])][0] ?? null,
    featured_media_id: input.featuredMediaId ?? null,
    is_breaking: toFlag(input.isBreaking),
    is_featured: toFlag(input.isFeatured),
    comments_open: toFlag(input.commentsOpen, true),
    seo_title: input.seoTitle ?? null,
    seo_description: input.seoDescription ?? null,
    canonical_url: input.canonicalUrl ?? null,
    reading_minutes: input.readingMinutes,
  } satisfies Partial<Insertable<Database['articles']>>;
}

/** The stored columns of a comment (emails lower-cased), its times given by the caller. */
export function commentColumns(input: NewComment, createdAt: string, updatedAt: string): Insertable<Database['comments']> {
  return {
    article_id: input.articleId,
    parent_id: input.parentId,
    depth: input.depth,
    author_name: input.authorName,
    author_email: input.authorEmail.toLowerCase(),
    author_url: input.authorUrl,
    user_id: input.userId ?? null,
    body: input.body,
    status: input.status,
    ip_hash: input.ipHash,
    user_agent: input.userAgent,
    fingerprint: input.fingerprint,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}
