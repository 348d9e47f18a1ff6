import type { Article, ArticleCard, CommentTarget, NewArticle } from '../domain/article.js';
import type { Author, NewAuthor } from '../domain/author.js';
import type { Comment, CommentStatus, NewComment } from '../domain/comment.js';
import type { Media, MediaEdit, NewMedia } from '../domain/media.js';
import type { NewPage, Page } from '../domain/page.js';
import type { Redirect } from '../domain/redirect.js';
import type { NewSection, Section } from '../domain/section.js';
import type { NewTag, Tag } from '../domain/tag.js';
import type { Invitation, NewInvitation, NewSession, Session } from '../domain/session.js';
import type { NewUser, Role, User } from '../domain/user.js';
import type { ArticleStatus } from '../domain/article.js';
import type { AuditEntry, NewAuditEntry } from '../domain/audit.js';
import type { ArticleRevision } from '../domain/revision.js';
import type { Job, JobKindFilter, NewJob } from '../jobs/job.js';
import type { ImportProgress, ImportRun, ImportRunChanges, NewImportRun } from '../domain/importRun.js';

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
  /** The few columns a reader's comment post reads (any status; null when there is no such article). */
  findCommentTarget(id: number): Promise<CommentTarget | null>;
  /** The articles with these ids (any status), in the order given, in one round-trip; missing ids are skipped. */
  findByIds(ids: readonly number[]): Promise<Article[]>;
  slugExists(slug: string): Promise<boolean>;
  /** Published cards, newest first, with stable ties by id. */
  listPublished(filter: PublishedFilter, paging: Paging): Promise<ArticleCard[]>;
  /** `listPublished` of each list, in one store round-trip (the front page shows a dozen lists). */
  listPublishedMany(lists: ReadonlyArray<{ filter: PublishedFilter; paging: Paging }>): Promise<ArticleCard[][]>;
  countPublished(filter: PublishedFilter): Promise<number>;
  /** Published cards sharing a section or tag with the article, newest first. */
  related(article: Pick<Article, 'id' | 'sectionIds' | 'tagIds'>, limit: number): Promise<ArticleCard[]>;
  /** The published neighbours in a section: `previous` is older, `next` is newer. */
  adjacentInSection(
    article: Pick<Article, 'id' | 'publishedAt'>,
    sectionId: number,
  ): Promise<{ previous: ArticleCard | null; next: ArticleCard | null }>;
  /**
   * `related(article, limit)` and, when `sectionId` is given, `adjacentInSection(article,
   * sectionId)`, in one store round-trip (an article page shows both).
   */
  neighbours(
    article: Pick<Article, 'id' | 'sectionIds' | 'tagIds' | 'publishedAt'>,
    limit: number,
    sectionId: number | null,
  ): Promise<{ related: ArticleCard[]; previous: ArticleCard | null; next: ArticleCard | null }>;
  /** The article's bylines and tags, each in the article's order, in one store round-trip. */
  bylinesAndTags(article: Pick<Article, 'authorIds' | 'tagIds'>): Promise<{ authors: Author[]; tags: Tag[] }>;
  /** Published cards ranked by views since `sinceDay` (YYYY-MM-DD, inclusive). */
  mostRead(sinceDay: string, limit: number): Promise<ArticleCard[]>;
  /** Adds view counts per article for one day (buffered by the caller). */
  addViews(day: string, counts: ReadonlyMap<number, number>): Promise<void>;
  count(): Promise<number>;
  /** Published cards with their body (stored HTML) for these ids, in the order given (search results). */
  publishedByIds(ids: readonly number[]): Promise<Array<ArticleCard & { body: string }>>;
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
  /**
   * Saves changes with optimistic concurrency: only when the stored version is `expectedVersion`
   * (and the state one of `fromStatuses`, when given); otherwise throws CONFLICT with the current
   * version, who saved it and when, and writes nothing. The version grows by one and a revision
   * (a JSON snapshot of every field and relation) is written in the same transaction; readers'
   * content version moves when the article is or was published.
   */
  save(input: ArticleSave): Promise<Article>;
  /** Revisions of an article, newest first (snapshots included). */
  listRevisions(articleId: number): Promise<ArticleRevision[]>;
  findRevision(articleId: number, revisionId: number): Promise<ArticleRevision | null>;
  /** The newsroom's list: any state (trash only when asked), newest change first, ties by id. */
  listForAdmin(filter: AdminArticleFilter, paging: Paging): Promise<AdminArticleRow[]>;
  /** How many articles the filter matches, counting no further than `cap` (a count cannot stop early otherwise). */
  countForAdmin(filter: AdminArticleFilter, cap?: number): Promise<number>;
}

/** What a save changes; absent fields stay as they are. */
export interface ArticleChanges {
  slug?: string;
  title?: string;
  lede?: string | null;
  body?: string;
  readingMinutes?: number;
  status?: ArticleStatus;
  previousStatus?: ArticleStatus | null;
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
  /** An http(s) URL other than the article's own; null: its own URL. */
  canonicalUrl?: string | null;
}

export interface ArticleSave {
  id: number;
  /** The version the writer read. */
  expectedVersion: number;
  changes: ArticleChanges;
  /** Who saves; null for the system (the scheduler). */
  userId: number | null;
  /** Only from these states (a scheduled publish must still find the article scheduled). */
  fromStatuses?: readonly ArticleStatus[];
  /**
   * Autosave: instead of a new revision, replace the last one when the same user wrote it less
   * than this many milliseconds ago.
   */
  mergeRevisionWithinMs?: number;
}

/** Which articles the newsroom list shows. */
export interface AdminArticleFilter {
  /** Default: every state but the trash. */
  statuses?: readonly ArticleStatus[];
  sectionId?: number;
  authorId?: number;
  /** Only articles this user created or is a byline of. */
  ownerUserId?: number;
  /** Range on `dateField` (ISO, inclusive from, exclusive to). */
  from?: string;
  to?: string;
  dateField?: 'updated' | 'published';
  /** Case-insensitive substring of the title. */
  text?: string;
}

/** A line of the newsroom's article list. */
export interface AdminArticleRow {
  id: number;
  slug: string;
  title: string;
  status: ArticleStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  primarySectionId: number | null;
  authorIds: number[];
  /** The bylines in order, with their names (for lists). */
  authors: Array<{ authorId: number; name: string }>;
  createdBy: number | null;
  updatedBy: number | null;
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
  findById(id: number): Promise<Section | null>;
  /** Returns null when no section has this id. */
  update(id: number, changes: Partial<NewSection>): Promise<Section | null>;
  /** Deletes a section (articles lose it; children move up to its parent); false when absent. */
  delete(id: number): Promise<boolean>;
  list(): Promise<Section[]>;
  findBySlug(slug: string): Promise<Section | null>;
}

export interface TagRepository {
  create(input: NewTag): Promise<Tag>;
  /** By name then id, optionally names containing `text`. */
  list(paging: Paging, text?: string): Promise<Tag[]>;
  findById(id: number): Promise<Tag | null>;
  update(id: number, changes: Partial<NewTag>): Promise<Tag | null>;
  delete(id: number): Promise<boolean>;
  findBySlug(slug: string): Promise<Tag | null>;
  findByIds(ids: readonly number[]): Promise<Tag[]>;
  /** How many tags exist (used or not). */
  count(): Promise<number>;
}

export interface AuthorRepository {
  create(input: NewAuthor): Promise<Author>;
  findBySlug(slug: string): Promise<Author | null>;
  findByIds(ids: readonly number[]): Promise<Author[]>;
  /** Every author profile (guest bylines included), by name then id. */
  list(): Promise<Author[]>;
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
  /**
   * `create`, with rate-limit hits counted first in the same transaction (one commit for both, for
   * the store-kept limiter): the hits are counted whatever follows, as `rateLimits.hitMany` counts
   * them; the comment is inserted only when every count is within its hit's `limit`, else `comment`
   * is null. `counted` is in the order of `hits`.
   */
  createCounted(input: NewComment, hits: ReadonlyArray<{ key: string; windowMs: number; limit: number }>, nowMs: number): Promise<{ counted: Array<{ hits: number; windowEnd: number }>; comment: Comment | null }>;
  findById(id: number): Promise<Comment | null>;
  findByIds(ids: readonly number[]): Promise<Comment[]>;
  /** Every approved comment of an article, oldest first (ties by id). */
  listApproved(articleId: number): Promise<Comment[]>;
  /** Approved top-level comments of an article, optionally only those before (created_at, id) in oldest-first order. */
  countThreads(articleId: number, before?: { createdAt: Date; id: number }): Promise<number>;
  /**
   * The article's approved top-level comments (`total`, a stored count) and how many of them come at
   * or after (created_at, id) in oldest-first order (`fromHere`), read together: the position of a
   * thread at the end of a long article costs as little as one at its start.
   */
  threadsFrom(articleId: number, from: { createdAt: Date; id: number }): Promise<{ total: number; fromHere: number }>;
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
  /** `hit` for several distinct keys, each with its window, in one atomic statement; results in the order given. */
  hitMany(hits: ReadonlyArray<{ key: string; windowMs: number }>, nowMs: number): Promise<Array<{ hits: number; windowEnd: number }>>;
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

/** The durable job queue (src/jobs/). Claims are the only dialect-specific part. */
export interface JobRepository {
  /**
   * Adds a job. With a `dedupeKey`, a pending job of the same key is replaced (its run time and
   * payload move), so at most one is pending per key.
   */
  enqueue(job: NewJob): Promise<Job>;
  /** Removes pending jobs with this dedupe key; returns how many. */
  cancel(dedupeKey: string): Promise<number>;
  /**
   * Claims up to `limit` due jobs for `workerId` (pending with `run_at <= now`, or running with an
   * expired lock from a crashed worker) and locks them until now + `lockMs`. Two workers never
   * claim the same job (SQLite: one write statement; PostgreSQL: FOR UPDATE SKIP LOCKED).
   */
  claim(workerId: string, limit: number, lockMs: number, kinds?: JobKindFilter): Promise<Job[]>;
  /** Marks a job this worker holds done. */
  complete(id: number, workerId: string): Promise<void>;
  /** Records a failure: retried after its backoff (doubling, at most 10 min) until max attempts, then `failed`. */
  fail(id: number, workerId: string, error: string): Promise<void>;
  findById(id: number): Promise<Job | null>;
  /** Newest first. */
  list(filter: { kind?: string; states?: readonly Job['state'][]; dedupeKey?: string }, paging: Paging): Promise<Job[]>;
  count(filter: { kind?: string; states?: readonly Job['state'][] }): Promise<number>;
  /** The earliest `run_at` of a pending job (to sleep until it), or null. */
  nextRunAt(): Promise<Date | null>;
  /** Deletes jobs that finished (done) before `before`; failed ones stay for an operator to read. Returns how many. */
  purgeDone(before: Date): Promise<number>;
}

/** Imports started from the admin (m013): state, progress and report of each. */
export interface ImportRunRepository {
  create(input: NewImportRun, progress: ImportProgress): Promise<ImportRun>;
  findById(id: number): Promise<ImportRun | null>;
  /** Newest first. */
  list(paging: Paging): Promise<ImportRun[]>;
  /** Applies `changes` and moves `updatedAt` (the heartbeat); false when there is no such run. */
  update(id: number, changes: ImportRunChanges): Promise<boolean>;
}

export interface AuditFilter {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorUserId?: number;
}

/** Who did what, when, to what: publishes, unpublishes, trash, role and settings changes. */
export interface AuditRepository {
  record(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first, ties by id. */
  list(filter: AuditFilter, paging: Paging): Promise<AuditEntry[]>;
  count(filter: AuditFilter): Promise<number>;
}

/** "Who else is editing": heartbeat rows that expire. */
export interface PresenceRepository {
  heartbeat(articleId: number, userId: number, ttlMs: number): Promise<void>;
  leave(articleId: number, userId: number): Promise<void>;
  /** Users with an unexpired heartbeat on the article, most recent first. */
  list(articleId: number): Promise<Array<{ userId: number; seenAt: Date }>>;
}

/** What differs between stores, as data (STYLE habit 2). */
export interface Capabilities {
  dialect: 'sqlite' | 'postgres';
  /** `FOR UPDATE SKIP LOCKED` for job claiming. */
  skipLocked: boolean;
  /** Notifications between nodes (PostgreSQL LISTEN/NOTIFY). */
  notify: boolean;
}

/** What the index keeps of an article: pre-analysed terms (see src/search/analyzer.ts). */
export interface IndexedText {
  /** Space-separated index terms per field (letters and digits only). */
  fields: { title: string; lede: string; tags: string; body: string };
  /** Normalized surface words in order, space-separated (exact phrases). */
  surface: string;
  /** Distinct normalized surface words (counted in the vocabulary). */
  words: readonly string[];
}

export interface SearchDocument {
  articleId: number;
  /** Kept beside the entry: ranking by recency and date filters never read the article row. */
  publishedAt: Date;
  text: IndexedText;
}

/** What must match: every group (alternative terms inside), every phrase, and no exclusion. */
export interface SearchMatch {
  groups: readonly (readonly string[])[];
  phrases: readonly (readonly string[])[];
  exclude: readonly (readonly string[])[];
  /** 'all': every group must match; 'any': at least one group (the fallback when nothing matched). */
  mode: 'all' | 'any';
}

export interface SearchFilters {
  sectionIds?: number[];
  authorId?: number;
  /** Published at or after (inclusive). */
  from?: Date;
  /** Published before (exclusive). */
  to?: Date;
}

/** Relevance blended with recency: `score = (1 - w) * relevance + w * recency`, both in [0, 1]. */
export interface SearchRanking {
  /** w: 0 ranks by relevance only, 1 by date only. */
  recencyWeight: number;
  /** Age at which recency is 1/2 (recency = 1 / (1 + age / halfLife)). */
  halfLifeDays: number;
  now: Date;
  /**
   * Broad queries: when more articles match (and no filter is set), only the newest this-many
   * matches (by id) are ranked; the total stays exact. Default RANKED_CANDIDATES (1,000).
   */
  candidates?: number;
}

export interface SearchHit {
  id: number;
  score: number;
  publishedAt: Date;
}

export interface SearchResult {
  /** Every published article that matches (with the filters). */
  total: number;
  hits: SearchHit[];
}

/**
 * The full-text index of published articles (SQLite FTS5 / PostgreSQL tsvector), with a
 * vocabulary of normalized surface words and how many indexed articles contain each.
 * Article writes keep it current (docs/decisions/007-search-index.md); operations only query it.
 */
export interface SearchIndex {
  /** Adds or replaces the entries of these articles, and counts their words. */
  index(docs: readonly SearchDocument[]): Promise<void>;
  /** Removes these articles' entries (absent ones are ignored). */
  remove(articleIds: readonly number[]): Promise<void>;
  /** Ids of matching published articles, best first; ties by date, then id, newest first. */
  query(match: SearchMatch, filters: SearchFilters, paging: Paging, ranking: SearchRanking): Promise<SearchResult>;
  /** Document frequencies of these words (absent words are missing from the map). */
  frequencies(words: readonly string[]): Promise<Map<string, number>>;
  /** Empties the index and the vocabulary. */
  clear(): Promise<void>;
  /**
   * Empties the index, then indexes every batch, counting the vocabulary once at the end (reindex,
   * bulk imports of a fresh store). Returns the number of documents indexed.
   */
  rebuild(batches: AsyncIterable<readonly SearchDocument[]>): Promise<number>;
  /** Indexed articles. */
  count(): Promise<number>;
}

/** What an import keys its rows by (the source's own ids; see ImportRepository). */
export type ImportKind = 'author' | 'section' | 'tag' | 'article' | 'page' | 'comment' | 'media';

/** A comment as an import writes it: with its original date. */
export interface ImportedComment extends NewComment {
  createdAt: Date;
}

/**
 * Writes for importers (WordPress): rows keyed on the source's ids so re-runs update instead of
 * duplicating, articles with their original ids where free (permalinks with %post_id%), comments
 * with their original dates. Use inside `store.transaction` with the keys, so a killed import
 * leaves whole batches only. Article writes keep the search index current like any other.
 */
export interface ImportRepository {
  /** Our ids for these source ids (absent ones are missing from the map). */
  findKeys(source: string, kind: ImportKind, sourceIds: readonly string[]): Promise<Map<string, number>>;
  /** Records (or moves) source id → our id. */
  putKeys(source: string, kind: ImportKind, entries: ReadonlyArray<{ sourceId: string; id: number }>): Promise<void>;
  /**
   * Creates an article (with `preferredId` when no article has that id) or, given `existingId`,
   * replaces its fields and relations (its version moves, no revision is written). Returns its id.
   * The content version does not move: call `touch` once the batch is written. With `skipIndex`
   * the search index is not updated: the caller rebuilds it (`store.reindex`) once at the end.
   * With `relationsLater` the section, tag and author rows are kept by this repository and
   * written by the next `touch` (one multi-row insert per table, not three statements per
   * article): only inside a transaction that calls `touch` before it ends (the index of that
   * transaction is synced after, with the rows in place).
   */
  writeArticle(input: NewArticle, target: { existingId: number | null; preferredId: number | null; skipIndex?: boolean; relationsLater?: boolean }): Promise<number>;
  /** Which of these ids articles have. */
  articleIdsTaken(ids: readonly number[]): Promise<Set<number>>;
  /** Articles holding any of these slugs: slug → id. */
  articleSlugs(slugs: readonly string[]): Promise<Map<string, number>>;
  /** Which of these paths already redirect somewhere. */
  redirectSources(paths: readonly string[]): Promise<Set<string>>;
  /** Creates or replaces many 301s at once (from path → to path). */
  putRedirects(redirects: ReadonlyArray<{ fromPath: string; toPath: string }>): Promise<void>;
  /** Writes the relation rows kept by `writeArticle({ relationsLater })`, then moves the content version once for everything written (readers reload). */
  touch(): Promise<void>;
  /** Sets the featured image of articles (ids → media id). */
  setFeaturedMedia(pairs: ReadonlyArray<{ articleId: number; mediaId: number }>): Promise<void>;
  /** The page (any state) that has this slug, if any. */
  pageIdBySlug(slug: string): Promise<number | null>;
  /** Creates a page or replaces the fields of `existingId`. Returns its id. */
  writePage(input: NewPage, existingId: number | null): Promise<number>;
  /** Creates a comment or replaces `existingId`'s fields; article counts move with recountComments. */
  writeComment(input: ImportedComment, existingId: number | null): Promise<number>;
  /** Recomputes the approved-comment counts of these articles. */
  recountComments(articleIds: readonly number[]): Promise<void>;
  /** Changes an author profile's name and bio. */
  updateAuthor(id: number, changes: { name: string; bio: string | null }): Promise<void>;
  /** Moves id generators past ids written explicitly (PostgreSQL identities; SQLite needs nothing). */
  alignIds(): Promise<void>;
}

export interface Repositories {
  imports: ImportRepository;
  importRuns: ImportRunRepository;
  articles: ArticleRepository;
  search: SearchIndex;
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
  jobs: JobRepository;
  audit: AuditRepository;
  presence: PresenceRepository;
}

/** One reader-visible write: the content version it moved to and the surrogate keys it purges. */
export interface PurgeRecord {
  seq: number;
  keys: string[];
}

/**
 * The store's purge log (docs/decisions/014-page-cache.md): every reader-visible write records its
 * surrogate keys under the content version it moved to, so every process and node can apply them.
 */
export interface PurgeLog {
  /** The newest sequence (the content version): one primary-key read. */
  latest(): Promise<number>;
  /** Records after `afterSeq`, oldest first. */
  since(afterSeq: number, limit: number): Promise<PurgeRecord[]>;
  /** Records a purge that no content write made (an operator's `khabar cache purge`). */
  record(keys: readonly string[]): Promise<void>;
  /** Forgets all but the newest `keepLast` records (a node further behind purges everything). */
  prune(keepLast: number): Promise<void>;
}

/** The store every operation talks to. */
export interface Store extends Repositories {
  readonly capabilities: Capabilities;
  /** A number that grows with every content write (any process, any node): one primary-key read. */
  contentVersion(): Promise<number>;
  readonly purges: PurgeLog;
  /** Calls `listener` with each purge this store object's writes recorded, once it committed. */
  onPurge(listener: (record: PurgeRecord) => void): () => void;
  /**
   * Calls `wake` when another process recorded purges (PostgreSQL LISTEN/NOTIFY); a no-op where
   * the store has no notifications (SQLite: readers poll). Returns the unsubscribe.
   */
  onPurgesLogged(wake: () => void): Promise<() => Promise<void>>;
  /** Runs `work` in one transaction; everything or nothing is written. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /**
   * Rebuilds the search index from the articles: in one transaction, so readers see the old index
   * until the new one is complete. Returns how many articles were indexed.
   */
  reindex(options?: { batchSize?: number; onProgress?: (done: number) => void }): Promise<{ indexed: number }>;
  /**
   * Calls `wake` when another process queues a job (PostgreSQL LISTEN/NOTIFY); a no-op where the
   * store has no notifications. Returns the unsubscribe.
   */
  onJobsQueued(wake: () => void): Promise<() => Promise<void>>;
  /**
   * Calls `observer` after every query the store sends (duration, failure): metrics and the
   * round-trips-per-request count. Returns the removal.
   */
  observeQueries(observer: (event: { durationMs: number; failed: boolean; sql: string }) => void): () => void;
  /**
   * After a bulk write (an import): refreshes what the database's planner knows of the content
   * tables' sizes and values (PostgreSQL `ANALYZE`; nothing on SQLite, decision 039). Without it,
   * PostgreSQL planned a freshly imported archive as empty tables until autovacuum came by.
   */
  updateStatistics(): Promise<void>;
  /** Applies pending migrations (under the migrator's lock). */
  migrate(): Promise<void>;
  /** Throws STORE_UNAVAILABLE when unreachable, STORE_SCHEMA_NEWER / a pending-migration error when not current. */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}
