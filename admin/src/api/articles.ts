import type { JSONContent } from '@tiptap/core';
import { api, queryString } from './client.js';

/**
 * The article routes the admin expects from the workflow API (issue #4, helper W). Until they are
 * on the server, every call answers 404 NOT_FOUND and the screens say "not available yet".
 * Shapes: admin/src/api/README.md.
 */
export type ArticleStatus = 'draft' | 'pending' | 'scheduled' | 'published' | 'unpublished' | 'trash';
export const articleStatuses: readonly ArticleStatus[] = ['draft', 'pending', 'scheduled', 'published', 'unpublished', 'trash'];

export interface ArticleAuthorRef {
  /** An author profile (users' profiles included); null with `guestName` for a guest byline. */
  authorId: number | null;
  guestName?: string | null;
  /** Display name, filled in by the server on reads. */
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
  /** The editor's document (Tiptap JSON); the server keeps it and the sanitized `bodyHtml`. */
  bodyDoc: JSONContent;
  bodyHtml: string;
  /** Primary first. */
  sectionIds: number[];
  /** Tag names; unknown names are created. */
  tags: string[];
  authors: ArticleAuthorRef[];
  featuredMediaId: number | null;
  seoTitle: string;
  seoDescription: string;
  breaking: boolean;
  featured: boolean;
  commentsOpen: boolean;
  /** UTC ISO instant; null: now when published. */
  publishAt: string | null;
}

export interface Article extends ArticleFields {
  id: number;
  status: ArticleStatus;
  /** Optimistic concurrency: send it back on save; 409 CONFLICT when someone saved in between. */
  version: number;
  updatedAt: string;
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
}

export async function listArticles(filter: ArticleFilter): Promise<Page<ArticleSummary>> {
  return api('GET', `/articles${queryString({ ...filter })}`);
}

export async function getArticle(id: number): Promise<Article> {
  return (await api<{ article: Article }>('GET', `/articles/${id}`)).article;
}

export async function createArticle(fields: ArticleFields): Promise<Article> {
  return (await api<{ article: Article }>('POST', '/articles', fields)).article;
}

/** PATCH with the version read: 409 CONFLICT (with the current article in the error) if it moved on. */
export async function saveArticle(id: number, version: number, fields: ArticleFields): Promise<Article> {
  return (await api<{ article: Article }>('PATCH', `/articles/${id}`, { ...fields, version })).article;
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

/** The site settings the editor needs: the time zone publish times are typed in. */
export interface EditorSite {
  timeZone: string;
}
