import type { Content } from '@tiptap/core';
import { api, ApiError, queryString } from './client.js';

/**
 * The newsroom's article routes (README "Newsroom workflow", src/web/admin-api/articleRoutes.ts),
 * adapted to the fields the screens edit: the server stores `body` (sanitized HTML), `tagIds`,
 * `authorIds`, `isBreaking`/`isFeatured`, and schedules through `POST /articles/:id/schedule`.
 * Shapes: admin/src/api/README.md.
 */
export type ArticleStatus = 'draft' | 'pending' | 'scheduled' | 'published' | 'unpublished' | 'trash';
export const articleStatuses: readonly ArticleStatus[] = ['draft', 'pending', 'scheduled', 'published', 'unpublished', 'trash'];

/** The workflow buttons (`actions` of GET /articles/:id). */
export type WorkflowAction = 'submit' | 'schedule' | 'publish' | 'unpublish' | 'trash' | 'restore';

export interface ArticleAuthorRef {
  /** An author profile (GET /authors), a staff member's or a guest byline's (POST /authors). */
  authorId: number | null;
  guestName?: string | null;
  /** Display name, filled in by the server on list reads. */
  name?: string;
}

export interface ArticleSummary {
  id: number;
  title: string;
  slug: string;
  status: ArticleStatus;
  primarySectionId: number | null;
  authors: ArticleAuthorRef[];
  publishedAt: string | null;
  updatedAt: string;
}

export interface ArticleFields {
  title: string;
  lede: string;
  slug: string;
  /**
   * What the editor opens: Tiptap JSON for a new article, the stored HTML (`body`) for a saved one
   * (Tiptap parses it). Never sent: the server keeps only `bodyHtml`, as `body`.
   */
  bodyDoc: Content;
  bodyHtml: string;
  /** Primary first. */
  sectionIds: number[];
  /** Tag names; resolved to `tagIds` on save (unknown ones created by roles that may). */
  tags: string[];
  authors: ArticleAuthorRef[];
  featuredMediaId: number | null;
  seoTitle: string;
  seoDescription: string;
  /** Empty: this page is its own canonical address. */
  canonicalUrl: string;
  breaking: boolean;
  featured: boolean;
  commentsOpen: boolean;
  /** UTC ISO instant for the Schedule action (POST /articles/:id/schedule); not part of a save. Read back from a scheduled article's `publishedAt`. */
  publishAt: string | null;
}

export interface Article extends ArticleFields {
  id: number;
  status: ArticleStatus;
  /** Optimistic concurrency: send it back on save; 409 CONFLICT when someone saved in between. */
  version: number;
  updatedAt: string;
  publishedAt: string | null;
}

/** GET /articles/:id: the article and what this user may do with it now. */
export interface EditorArticle {
  article: Article;
  actions: WorkflowAction[];
  canEdit: boolean;
  editing: { userId: number; displayName: string; seenAt: string }[];
}

/** The article as the server sends it (src/domain/article.ts, dates as ISO strings). */
export interface ServerArticle {
  id: number;
  slug: string;
  title: string;
  lede: string | null;
  body: string;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  sectionIds: number[];
  tagIds: number[];
  authorIds: number[];
  featuredMediaId: number | null;
  isBreaking: boolean;
  isFeatured: boolean;
  commentsOpen: boolean;
  seoTitle: string | null;
  seoDescription: string | null;
  canonicalUrl: string | null;
  version: number;
}

export interface ArticleFilter {
  status?: ArticleStatus | '';
  section?: number | '';
  author?: number | '';
  from?: string;
  to?: string;
  q?: string;
  page?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

export interface Named {
  id: number;
  name: string;
  slug: string;
  /** Authors only: a guest byline (no account, no author page). */
  isGuest?: boolean;
}

export async function listArticles(filter: ArticleFilter): Promise<Page<ArticleSummary>> {
  return api('GET', `/articles${queryString({ ...filter })}`);
}

/** Tag names for ids, from `GET /tags?ids=` (an id the server no longer has shows as `#id`). */
async function tagNames(ids: number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  // Only the article's own tags (one request, however many tags the site has).
  const { tags } = await api<{ tags: Named[] }>('GET', `/tags${queryString({ ids: ids.join(',') })}`);
  const found = new Map(tags.map((tag) => [tag.id, tag.name]));
  return ids.map((id) => found.get(id) ?? `#${id}`);
}

/** The server's article as the form's fields. */
export async function fromServer(article: ServerArticle): Promise<Article> {
  return {
    id: article.id,
    status: article.status,
    version: article.version,
    updatedAt: article.updatedAt,
    publishedAt: article.publishedAt,
    title: article.title,
    lede: article.lede ?? '',
    slug: article.slug,
    bodyDoc: article.body,
    bodyHtml: article.body,
    sectionIds: article.sectionIds,
    tags: await tagNames(article.tagIds),
    authors: article.authorIds.map((authorId) => ({ authorId })),
    featuredMediaId: article.featuredMediaId,
    seoTitle: article.seoTitle ?? '',
    seoDescription: article.seoDescription ?? '',
    canonicalUrl: article.canonicalUrl ?? '',
    breaking: article.isBreaking,
    featured: article.isFeatured,
    commentsOpen: article.commentsOpen,
    publishAt: article.status === 'scheduled' ? article.publishedAt : null,
  };
}

/**
 * Tag ids for names: an exact name match from GET /tags?q=, else POST /tags (editors and admins;
 * inline creation never duplicates). A role that may not create tags gets TAG_NOT_ALLOWED.
 */
export async function resolveTags(names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const { tags } = await api<{ tags: Named[] }>('GET', `/tags${queryString({ q: name, perPage: 200 })}`);
    const known = tags.find((tag) => tag.name === name);
    if (known) {
      ids.push(known.id);
      continue;
    }
    try {
      ids.push((await api<{ tag: Named }>('POST', '/tags', { name })).tag.id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) throw new ApiError(403, 'TAG_NOT_ALLOWED', name, 'tags');
      throw error;
    }
  }
  return ids;
}

/** The fields as the server's create/PATCH body (no bodyDoc, no guest bylines, no publishAt). */
async function toServer(fields: ArticleFields, creating: boolean): Promise<Record<string, unknown>> {
  const authorIds = fields.authors.flatMap((a) => (a.authorId === null ? [] : [a.authorId]));
  return {
    title: fields.title,
    lede: fields.lede,
    body: fields.bodyHtml,
    ...(creating && fields.slug.trim() === '' ? {} : { slug: fields.slug }),
    sectionIds: fields.sectionIds,
    tagIds: await resolveTags(fields.tags),
    // An empty byline on create: the server uses the writer's own author profile.
    ...(creating && authorIds.length === 0 ? {} : { authorIds }),
    featuredMediaId: fields.featuredMediaId,
    seoTitle: fields.seoTitle,
    seoDescription: fields.seoDescription,
    canonicalUrl: fields.canonicalUrl,
    isBreaking: fields.breaking,
    isFeatured: fields.featured,
    commentsOpen: fields.commentsOpen,
  };
}

export async function getEditorArticle(id: number): Promise<EditorArticle> {
  const answer = await api<Omit<EditorArticle, 'article'> & { article: ServerArticle }>('GET', `/articles/${id}`);
  return { ...answer, article: await fromServer(answer.article) };
}

export async function getArticle(id: number): Promise<Article> {
  return (await getEditorArticle(id)).article;
}

export async function createArticle(fields: ArticleFields): Promise<Article> {
  return fromServer((await api<{ article: ServerArticle }>('POST', '/articles', await toServer(fields, true))).article);
}

/** PATCH with the version read: 409 CONFLICT (the server's current article in its details) if it moved on. */
export async function saveArticle(id: number, version: number, fields: ArticleFields): Promise<Article> {
  return fromServer((await api<{ article: ServerArticle }>('PATCH', `/articles/${id}`, { ...(await toServer(fields, false)), version })).article);
}

/** A workflow action (POST /articles/:id/<action>), guarded by the version the editor holds. */
export async function transitionArticle(id: number, action: WorkflowAction, version: number, extra: { publishAt?: string } = {}): Promise<Article> {
  return fromServer((await api<{ article: ServerArticle }>('POST', `/articles/${id}/${action}`, { version, ...extra })).article);
}

export async function listSections(): Promise<Named[]> {
  return (await api<{ sections: Named[] }>('GET', '/sections')).sections;
}

export async function listTags(q: string): Promise<Named[]> {
  return (await api<{ tags: Named[] }>('GET', `/tags${queryString({ q })}`)).tags;
}

export async function listAuthors(): Promise<Named[]> {
  return (await api<{ authors: Named[] }>('GET', '/authors')).authors;
}

/**
 * A guest byline's author id (POST /authors: editors and admins; the same name gives the same
 * byline). A role that may not create one gets GUEST_NOT_ALLOWED.
 */
export async function createGuestByline(name: string): Promise<Named> {
  try {
    return (await api<{ author: Named }>('POST', '/authors', { name })).author;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) throw new ApiError(403, 'GUEST_NOT_ALLOWED', name, 'authors');
    throw error;
  }
}

/** The site settings the editor needs: the time zone publish times are typed in. */
export interface EditorSite {
  timeZone: string;
}
