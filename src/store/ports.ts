import type { Article, ArticleCard, NewArticle } from '../domain/article.js';
import type { Author, NewAuthor } from '../domain/author.js';
import type { Comment, CommentStatus, NewComment } from '../domain/comment.js';
import type { Media, MediaEdit, NewMedia } from '../domain/media.js';
import type { NewPage, Page } from '../domain/page.js';
import type { Redirect } from '../domain/redirect.js';
import type { NewSection, Section } from '../domain/section.js';
import type { NewTag, Tag } from '../domain/tag.js';
import type { Invitation, NewInvitation, NewSession, Session } from '../domain/session.js';
import type { NewUser, Role, User } from '../domain/user.js';

/** Which articles a public list shows: published ones, optionally narrowed. */
export interface PublishedFilter {
  /** Articles in any of these sections (primary or secondary). */
  sectionIds?: number[];
  tagId?: number;
  authorId?: number;
  excludeIds?: number[];
  onlyFeatured?: boolean;
  onlyBreaking?: boolean;
}

export interface Paging {
  limit: number;
  offset: number;
}

export interface ArticleRepository {
  create(input: NewArticle): Promise<Article>;
  findById(id: number): Promise<Article | null>;
  findBySlug(slug: string): Promise<Article | null>;
  slugExists(slug: string): Promise<boolean>;
  /** Published cards, newest first, with stable ties by id. */
  listPublished(filter: PublishedFilter, paging: Paging): Promise<ArticleCard[]>;
  countPublished(filter: PublishedFilter): Promise<number>;
  /** Published cards sharing a section or tag with the article, newest first. */
  related(article: Pick<Article, 'id' | 'sectionIds' | 'tagIds'>, limit: number): Promise<ArticleCard[]>;
  /** The published neighbours in a section: `previous` is older, `next` is newer. */
  adjacentInSection(
    article: Pick<Article, 'id' | 'publishedAt'>,
    sectionId: number,
  ): Promise<{ previous: ArticleCard | null; next: ArticleCard | null }>;
  /** Published cards ranked by views since `sinceDay` (YYYY-MM-DD, inclusive). */
  mostRead(sinceDay: string, limit: number): Promise<ArticleCard[]>;
  /** Adds view counts per article for one day (buffered by the caller). */
  addViews(day: string, counts: ReadonlyMap<number, number>): Promise<void>;
  count(): Promise<number>;
  /**
   * Months with published articles, oldest first. Months are UTC calendar months
   * (`substr(published_at, 1, 7)`), so the bucket is the same on both stores and matches
   * `listForSitemap`'s UTC ranges; `lastModified` is the newest `modified_at ?? published_at`.
   */
  publishedMonths(): Promise<PublishedMonth[]>;
  /** Published articles with `fromIso <= published_at < toIso` (ISO UTC), oldest first, ties by id. */
  listForSitemap(fromIso: string, toIso: string, limit: number, offset: number): Promise<SitemapArticle[]>;
  /** Published cards with `published_at >= sinceIso`, newest first, ties by id. */
  publishedSince(sinceIso: string, limit: number): Promise<ArticleCard[]>;
  /**
   * Sections, tags or non-guest authors with at least one published article, with the newest
   * `modified_at ?? published_at` of their articles (sections: directly attached articles only).
   */
  publishedTaxonomy(kind: 'sections' | 'tags' | 'authors'): Promise<TaxonomyLastModified[]>;
  /** Newest `modified_at ?? published_at` of published articles linked to any section/tag/non-guest author; null when none is. */
  taxonomyLastChange(kind: 'sections' | 'tags' | 'authors'): Promise<Date | null>;
}

/** A month of published articles (UTC bucket, 'YYYY-MM'). */
export interface PublishedMonth {
  month: string;
  count: number;
  lastModified: Date;
}

/** What a sitemap entry needs of an article: its card, last change and featured image. */
export interface SitemapArticle extends ArticleCard {
  modifiedAt: Date | null;
  featuredImage: { key: string; alt: string; caption: string | null } | null;
}

/** A section, tag or author slug and the last change among its published articles. */
export interface TaxonomyLastModified {
  id: number;
  slug: string;
  lastModified: Date;
}

export interface SectionRepository {
  create(input: NewSection): Promise<Section>;
  list(): Promise<Section[]>;
  findBySlug(slug: string): Promise<Section | null>;
}

export interface TagRepository {
  create(input: NewTag): Promise<Tag>;
  findBySlug(slug: string): Promise<Tag | null>;
  findByIds(ids: readonly number[]): Promise<Tag[]>;
}

export interface AuthorRepository {
  create(input: NewAuthor): Promise<Author>;
  findBySlug(slug: string): Promise<Author | null>;
  findByIds(ids: readonly number[]): Promise<Author[]>;
  /** The author profile linked to this user (authors.user_id is unique), if any. */
  findByUserId(userId: number): Promise<Author | null>;
}

export interface UserRepository {
  /** Emails are stored lower-cased; a taken email rejects (unique constraint). */
  create(input: NewUser): Promise<User>;
  findByEmail(email: string): Promise<User | null>;
  findById(id: number): Promise<User | null>;
  /** Every user, by display name then id. */
  list(): Promise<User[]>;
  count(): Promise<number>;
  countByRole(role: Role): Promise<number>;
  /** Returns false when no user has this id. */
  setRole(id: number, role: Role): Promise<boolean>;
  setPasswordHash(id: number, passwordHash: string): Promise<boolean>;
}

export interface SessionRepository {
  create(input: NewSession): Promise<Session>;
  findByTokenHash(tokenHash: string): Promise<Session | null>;
  /** Slides a session: records when it was last seen and its new expiry. */
  touch(id: number, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  delete(id: number): Promise<void>;
  /** Ends every session of a user, except `keepId` when given; returns how many ended. */
  deleteForUser(userId: number, keepId?: number): Promise<number>;
  /** Removes sessions that expired before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
  countForUser(userId: number): Promise<number>;
}

export interface InvitationRepository {
  create(input: NewInvitation): Promise<Invitation>;
  findByTokenHash(tokenHash: string): Promise<Invitation | null>;
  /** Marks an unused invitation used; false when it was already used (one use, even under a race). */
  markUsed(id: number, at: Date): Promise<boolean>;
}

export interface PageRepository {
  create(input: NewPage): Promise<Page>;
  findPublishedBySlug(slug: string): Promise<Page | null>;
  listPublished(): Promise<Page[]>;
}

/** Which media items a library list shows. */
export interface MediaFilter {
  /** Every word must occur in the alt text, caption, credit or file name (folded like search). */
  search?: string;
  uploadedBy?: number;
}

export interface MediaRepository {
  create(input: NewMedia): Promise<Media>;
  findByIds(ids: readonly number[]): Promise<Media[]>;
  findById(id: number): Promise<Media | null>;
  /** Newest first, ties by id. */
  list(filter: MediaFilter, paging: Paging): Promise<Media[]>;
  count(filter: MediaFilter): Promise<number>;
  /** Changes the given fields; returns null when no item has this id. */
  update(id: number, edit: MediaEdit): Promise<Media | null>;
  /** Removes the row (articles featuring it lose their image); false when it did not exist. */
  delete(id: number): Promise<boolean>;
  /** Ids of articles (not in the trash) that use it as their featured image, at most 20. */
  featuredIn(id: number): Promise<number[]>;
}

export interface RedirectRepository {
  /** Creates or replaces the redirect from `fromPath`. */
  put(redirect: Redirect): Promise<void>;
  find(fromPath: string): Promise<Redirect | null>;
}

export interface SettingsRepository {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  all(): Promise<Record<string, unknown>>;
}

/** Which comments a moderation list shows. */
export interface CommentFilter {
  statuses?: readonly CommentStatus[];
  articleId?: number;
  /** Only comments on these articles (an author moderating their own articles). */
  articleIds?: readonly number[];
  /** Articles whose bylines include one of these authors (an author moderating their own articles). */
  articleAuthorIds?: readonly number[];
  /** Case-insensitive substring of name, email or text (moderators only). */
  search?: string;
}

export interface CommentEdit {
  authorName?: string;
  authorUrl?: string | null;
  body?: string;
  fingerprint?: string;
}

export interface CommentRepository {
  /** Inserts the comment; when it is approved, the article's count and the content version move in the same transaction. */
  create(input: NewComment): Promise<Comment>;
  findById(id: number): Promise<Comment | null>;
  findByIds(ids: readonly number[]): Promise<Comment[]>;
  /** Every approved comment of an article, oldest first (ties by id). */
  listApproved(articleId: number): Promise<Comment[]>;
  /** Approved top-level comments of an article, optionally only those before (created_at, id) in oldest-first order. */
  countThreads(articleId: number, before?: { createdAt: Date; id: number }): Promise<number>;
  /** Newest first, ties by id. */
  list(filter: CommentFilter, paging: Paging): Promise<Comment[]>;
  count(filter: CommentFilter): Promise<number>;
  countByStatus(filter?: Omit<CommentFilter, 'statuses'>): Promise<Record<CommentStatus, number>>;
  /** Whether this address (lower-cased) has an approved comment (WordPress's "previously approved" rule). */
  hasApprovedFrom(email: string): Promise<boolean>;
  /** A comment on the article with this fingerprint from the same email or IP hash, not in the trash. */
  findDuplicate(articleId: number, fingerprint: string, email: string, ipHash: string | null): Promise<Comment | null>;
  /**
   * Sets the state of these comments — only those now in one of `from`, when given; returns the ids
   * that changed. Counts and version follow.
   */
  setStatus(ids: readonly number[], status: CommentStatus, from?: readonly CommentStatus[]): Promise<number[]>;
  /** Edits a comment's text or name; returns null when it does not exist. */
  update(id: number, edit: CommentEdit): Promise<Comment | null>;
  /**
   * Deletes these comments for good — only those in the trash or spam (so no approved count moves);
   * their replies lose their parent and start threads of their own. Returns the ids deleted.
   */
  deleteForever(ids: readonly number[]): Promise<number[]>;
  /** Deletes trashed or spam comments older than `beforeIso`; returns how many. */
  purgeOld(statuses: readonly CommentStatus[], beforeIso: string): Promise<number>;
}

/** Fixed-window counters kept in the store, for deployments without Redis. */
export interface RateLimitRepository {
  /** Counts a hit for `key` in the window that ends at `windowEnd` (ms since epoch) unless a later one is open; returns hits and the window's end. */
  hit(key: string, nowMs: number, windowMs: number): Promise<{ hits: number; windowEnd: number }>;
  peek(key: string, nowMs: number): Promise<number>;
  reset(key: string): Promise<void>;
  /** Deletes windows that ended before `nowMs`. */
  sweep(nowMs: number): Promise<number>;
}

/** Random secrets generated once per site and shared by every node (signing, hashing). */
export interface SecretRepository {
  /** The secret called `name`, created (32 random bytes, base64url) the first time it is asked for. */
  get(name: string): Promise<string>;
}

/** What differs between stores, as data (STYLE habit 2). */
export interface Capabilities {
  dialect: 'sqlite' | 'postgres';
  /** `FOR UPDATE SKIP LOCKED` for job claiming. */
  skipLocked: boolean;
  /** Notifications between nodes (PostgreSQL LISTEN/NOTIFY). */
  notify: boolean;
}

export interface Repositories {
  articles: ArticleRepository;
  sections: SectionRepository;
  tags: TagRepository;
  authors: AuthorRepository;
  users: UserRepository;
  sessions: SessionRepository;
  invitations: InvitationRepository;
  pages: PageRepository;
  media: MediaRepository;
  redirects: RedirectRepository;
  settings: SettingsRepository;
  comments: CommentRepository;
  rateLimits: RateLimitRepository;
  secrets: SecretRepository;
}

/** The store every operation talks to. */
export interface Store extends Repositories {
  readonly capabilities: Capabilities;
  /** A number that grows with every content write (any process, any node): one primary-key read. */
  contentVersion(): Promise<number>;
  /** Runs `work` in one transaction; everything or nothing is written. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Applies pending migrations (under the migrator's lock). */
  migrate(): Promise<void>;
  /** Throws STORE_UNAVAILABLE when unreachable, STORE_SCHEMA_NEWER / a pending-migration error when not current. */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}
