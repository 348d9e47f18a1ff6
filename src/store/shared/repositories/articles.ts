import { sql, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { Article, ArticleCard, ArticleStatus, NewArticle } from '../../../domain/article.js';
import { snapshotOf, type ArticleRevision, type ArticleSnapshot } from '../../../domain/revision.js';
import { AppError } from '../../../errors/AppError.js';
import type { AdminArticleFilter, AdminArticleRow, ArticleRepository, ArticleSave, PublishedFilter, TaxonomyLastModified } from '../../ports.js';
import { articleContentColumns } from '../rowValues.js';
import { recordPurge, transactionWithPurges } from '../purgeLog.js';
import { articlePurgeKeys } from '../articlePurgeKeys.js';
import type { Database } from '../schema.js';
import { prepareQuery } from '../preparedQuery.js';
import { fromIsoOrNull, likeContains, toCount, toFlag, toIsoOrNull } from '../values.js';
import { jsonArrayValue, type DialectQueries } from '../dialectQueries.js';
import { toAuthor } from './authors.js';
import { toTag } from './tags.js';

type ArticleRow = Selectable<Database['articles']>;

interface Relations {
  sectionIds: number[];
  tagIds: number[];
  authorIds: number[];
}

function toArticle(row: ArticleRow, rel: Relations): Article {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    lede: row.lede,
    body: row.body,
    status: row.status as ArticleStatus,
    publishedAt: fromIsoOrNull(row.published_at),
    modifiedAt: fromIsoOrNull(row.modified_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    primarySectionId: row.primary_section_id,
    sectionIds: rel.sectionIds,
    tagIds: rel.tagIds,
    authorIds: rel.authorIds,
    featuredMediaId: row.featured_media_id,
    isBreaking: row.is_breaking === 1,
    isFeatured: row.is_featured === 1,
    commentsOpen: row.comments_open === 1,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    canonicalUrl: row.canonical_url,
    readingMinutes: row.reading_minutes,
    version: row.version,
    isDemo: row.is_demo === 1,
    commentCount: row.comment_count,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    previousStatus: row.previous_status as ArticleStatus | null,
  };
}

function toRevision(row: Selectable<Database['article_revisions']>): ArticleRevision {
  return {
    id: row.id,
    articleId: row.article_id,
    version: row.version,
    title: row.title,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    snapshot: JSON.parse(row.snapshot) as ArticleSnapshot,
  };
}

function conflictOf(row: Pick<ArticleRow, 'id' | 'version' | 'updated_by' | 'updated_at' | 'status'>): AppError {
  return new AppError('CONFLICT', `article ${row.id} was saved by someone else (now version ${row.version})`, {
    currentVersion: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    status: row.status,
  });
}

interface CardRow {
  id: number;
  slug: string;
  title: string;
  lede: string | null;
  published_at: string | null;
  primary_section_id: number | null;
  featured_media_id: number | null;
  is_breaking: number;
  reading_minutes: number;
  comment_count: number;
  first_author_slug: string | null;
}

function toCard(row: CardRow): ArticleCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    lede: row.lede,
    publishedAt: fromIsoOrNull(row.published_at),
    primarySectionId: row.primary_section_id,
    firstAuthorSlug: row.first_author_slug,
    featuredMediaId: row.featured_media_id,
    isBreaking: row.is_breaking === 1,
    readingMinutes: row.reading_minutes,
    commentCount: row.comment_count,
  };
}

/**
 * Articles on either dialect. `create` writes the row and its relations atomically: it opens a
 * transaction unless it is already running inside one (`inTransaction`). Every write reports the
 * ids it wrote to `written` on the same connection, which keeps the search index current
 * (docs/decisions/007-search-index.md): future writes (update, publish, unpublish, delete) must too.
 */
export function createArticleRepository(
  db: Kysely<Database>,
  now: () => Date,
  inTransaction: boolean,
  written: (conn: Kysely<Database>, ids: readonly number[]) => Promise<void>,
  dialect: DialectQueries,
): ArticleRepository {
  const cardColumns = <QB extends SelectQueryBuilder<Database & { a: Database['articles'] }, 'a', object>>(qb: QB) =>
    qb
      .select([
        'a.id',
        'a.slug',
        'a.title',
        'a.lede',
        'a.published_at',
        'a.primary_section_id',
        'a.featured_media_id',
        'a.is_breaking',
        'a.reading_minutes',
        'a.comment_count',
      ])
      .select((eb) =>
        eb
          .selectFrom('article_authors as aa')
          .innerJoin('authors as au', 'au.id', 'aa.author_id')
          .select('au.slug')
          .whereRef('aa.article_id', '=', 'a.id')
          .orderBy('aa.position')
          .limit(1)
          .as('first_author_slug'),
      );

  const cards = () => cardColumns(db.selectFrom('articles as a')).where('a.status', '=', 'published');

  function applyFilter<Q extends ReturnType<typeof cards>>(query: Q, filter: PublishedFilter): Q {
    let q = query;
    // EXISTS, not IN: the archive is walked newest first through the (status, published_at) index
    // and each candidate is probed by primary key, so a page costs a few probes, not a list of
    // every article of the section.
    if (filter.sectionIds && filter.sectionIds.length > 0) {
      const ids = filter.sectionIds;
      q = q.where(({ exists, selectFrom }) =>
        exists(selectFrom('article_sections as fs').select('fs.article_id').whereRef('fs.article_id', '=', 'a.id').where('fs.section_id', 'in', ids)),
      ) as Q;
    }
    if (filter.tagId !== undefined) {
      const id = filter.tagId;
      q = q.where(({ exists, selectFrom }) =>
        exists(selectFrom('article_tags as ft').select('ft.article_id').whereRef('ft.article_id', '=', 'a.id').where('ft.tag_id', '=', id)),
      ) as Q;
    }
    if (filter.authorId !== undefined) {
      const id = filter.authorId;
      q = q.where(({ exists, selectFrom }) =>
        exists(selectFrom('article_authors as fa').select('fa.article_id').whereRef('fa.article_id', '=', 'a.id').where('fa.author_id', '=', id)),
      ) as Q;
    }
    if (filter.excludeIds && filter.excludeIds.length > 0) q = q.where('a.id', 'not in', filter.excludeIds) as Q;
    if (filter.onlyFeatured) q = q.where('a.is_featured', '=', 1) as Q;
    if (filter.onlyBreaking) q = q.where('a.is_breaking', '=', 1) as Q;
    return q;
  }

  // Read with every article (pages, the comment form's posts): compiled once (preparedQuery.ts).
  const relationRows = prepareQuery((id: number) =>
    db
      .selectFrom('article_sections')
      .select([sql<string>`'s'`.as('kind'), 'section_id as ref', 'position'])
      .where('article_id', '=', id)
      .unionAll(db.selectFrom('article_tags').select([sql<string>`'t'`.as('kind'), 'tag_id as ref', 'position']).where('article_id', '=', id))
      .unionAll(db.selectFrom('article_authors').select([sql<string>`'a'`.as('kind'), 'author_id as ref', 'position']).where('article_id', '=', id)),
  );
  // An article with its relations' ids as JSON arrays, in one round-trip (pages read it first).
  const withRelations = () =>
    db
      .selectFrom('articles as a')
      .selectAll('a')
      .select((eb) => [
        eb.selectFrom('article_sections as r').select(dialect.jsonArray(sql.ref('r.section_id'), sql.ref('r.position')).as('v')).whereRef('r.article_id', '=', 'a.id').as('section_ids'),
        eb.selectFrom('article_tags as r').select(dialect.jsonArray(sql.ref('r.tag_id'), sql.ref('r.position')).as('v')).whereRef('r.article_id', '=', 'a.id').as('tag_ids'),
        eb.selectFrom('article_authors as r').select(dialect.jsonArray(sql.ref('r.author_id'), sql.ref('r.position')).as('v')).whereRef('r.article_id', '=', 'a.id').as('author_ids'),
      ]);
  const rowById = prepareQuery((id: number) => withRelations().where('a.id', '=', id));
  const commentTargetRow = prepareQuery((id: number) =>
    db
      .selectFrom('articles as a')
      .select(['a.id', 'a.slug', 'a.title', 'a.status', 'a.published_at', 'a.primary_section_id', 'a.comments_open', 'a.comment_count'])
      .select((eb) =>
        eb.selectFrom('article_authors as aa').select('aa.author_id').whereRef('aa.article_id', '=', 'a.id').orderBy('aa.position').limit(1).as('first_author_id'),
      )
      .where('a.id', '=', id),
  );
  const rowBySlug = prepareQuery((slug: string) => withRelations().where('a.slug', '=', slug));
  const fromRow = (row: ArticleRow & { section_ids: unknown; tag_ids: unknown; author_ids: unknown }): Article => {
    const { section_ids, tag_ids, author_ids, ...article } = row;
    const ids = (v: unknown) => jsonArrayValue<number | string>(v).map(Number);
    return toArticle(article, { sectionIds: ids(section_ids), tagIds: ids(tag_ids), authorIds: ids(author_ids) });
  };

  async function relations(conn: Kysely<Database>, id: number): Promise<Relations> {
    const { rows } = await relationRows(conn, id);
    const pick = (kind: string) =>
      rows
        .filter((r) => r.kind === kind)
        .sort((x, y) => x.position - y.position)
        .map((r) => r.ref);
    return { sectionIds: pick('s'), tagIds: pick('t'), authorIds: pick('a') };
  }

  async function insert(conn: Kysely<Database>, input: NewArticle): Promise<Article> {
    const at = now().toISOString();
    const sectionIds = [...new Set(input.sectionIds ?? [])];
    const row = await conn
      .insertInto('articles')
      .values({
        ...articleContentColumns(input),
        created_at: at,
        updated_at: at,
        version: 1,
        is_demo: toFlag(input.isDemo),
        created_by: input.createdBy ?? null,
        updated_by: input.createdBy ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const tagIds = [...new Set(input.tagIds ?? [])];
    const authorIds = [...new Set(input.authorIds ?? [])];
    if (sectionIds.length)
      await conn
        .insertInto('article_sections')
        .values(sectionIds.map((section_id, position) => ({ article_id: row.id, section_id, position })))
        .execute();
    if (tagIds.length)
      await conn
        .insertInto('article_tags')
        .values(tagIds.map((tag_id, position) => ({ article_id: row.id, tag_id, position })))
        .execute();
    if (authorIds.length)
      await conn
        .insertInto('article_authors')
        .values(authorIds.map((author_id, position) => ({ article_id: row.id, author_id, position })))
        .execute();
    const article = toArticle(row, { sectionIds, tagIds, authorIds });
    // A newsroom creation is the first save: it gets revision 1. Imports and demo content do not.
    if (input.createdBy !== undefined) await writeRevision(conn, article, input.createdBy ?? null, at);
    return article;
  }

  async function writeRevision(conn: Kysely<Database>, article: Article, userId: number | null, at: string): Promise<void> {
    await conn
      .insertInto('article_revisions')
      .values({
        article_id: article.id,
        version: article.version,
        title: article.title,
        lede: article.lede,
        body: article.body,
        snapshot: JSON.stringify(snapshotOf(article)),
        created_by: userId,
        created_at: at,
      })
      .execute();
  }

  async function saveIn(conn: Kysely<Database>, input: ArticleSave): Promise<Article> {
    const current = await conn.selectFrom('articles').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', `no article ${input.id}`);
    if (current.version !== input.expectedVersion) throw conflictOf(current);
    if (input.fromStatuses && !input.fromStatuses.includes(current.status as ArticleStatus)) throw conflictOf(current);
    // What readers saw before this save, for the purge (only a live article was seen anywhere).
    const before = current.status === 'published' ? toArticle(current, await relations(conn, input.id)) : null;
    const c = input.changes;
    const at = now().toISOString();
    const sectionIds = c.sectionIds ? [...new Set(c.sectionIds)] : undefined;
    const tagIds = c.tagIds ? [...new Set(c.tagIds)] : undefined;
    const authorIds = c.authorIds ? [...new Set(c.authorIds)] : undefined;
    const set: Updateable<Database['articles']> = { version: current.version + 1, updated_at: at, updated_by: input.userId };
    if (c.slug !== undefined) set.slug = c.slug;
    if (c.title !== undefined) set.title = c.title;
    if (c.lede !== undefined) set.lede = c.lede;
    if (c.body !== undefined) set.body = c.body;
    if (c.readingMinutes !== undefined) set.reading_minutes = c.readingMinutes;
    if (c.status !== undefined) set.status = c.status;
    if (c.previousStatus !== undefined) set.previous_status = c.previousStatus;
    if (c.publishedAt !== undefined) set.published_at = toIsoOrNull(c.publishedAt);
    if (c.modifiedAt !== undefined) set.modified_at = toIsoOrNull(c.modifiedAt);
    if (sectionIds) set.primary_section_id = sectionIds[0] ?? null;
    if (c.featuredMediaId !== undefined) set.featured_media_id = c.featuredMediaId;
    if (c.isBreaking !== undefined) set.is_breaking = toFlag(c.isBreaking);
    if (c.isFeatured !== undefined) set.is_featured = toFlag(c.isFeatured);
    if (c.commentsOpen !== undefined) set.comments_open = toFlag(c.commentsOpen);
    if (c.seoTitle !== undefined) set.seo_title = c.seoTitle;
    if (c.seoDescription !== undefined) set.seo_description = c.seoDescription;
    if (c.canonicalUrl !== undefined) set.canonical_url = c.canonicalUrl;
    // The version in the WHERE is the real guard: a concurrent save that committed first leaves
    // nothing to update here (PostgreSQL re-checks the row after waiting for the other writer).
    const updated = await conn.updateTable('articles').set(set).where('id', '=', input.id).where('version', '=', input.expectedVersion).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      const now_ = await conn.selectFrom('articles').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (!now_) throw new AppError('NOT_FOUND', `no article ${input.id}`);
      throw conflictOf(now_);
    }
    const relationTables = [
      ['article_sections', 'section_id', sectionIds],
      ['article_tags', 'tag_id', tagIds],
      ['article_authors', 'author_id', authorIds],
    ] as const;
    for (const [table, column, ids] of relationTables) {
      if (!ids) continue;
      await conn.deleteFrom(table).where('article_id', '=', input.id).execute();
      if (ids.length)
        await conn
          .insertInto(table)
          .values(ids.map((ref, position) => ({ article_id: input.id, [column]: ref, position }) as never))
          .execute();
    }
    const row = await conn.selectFrom('articles').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
    const article = toArticle(row, await relations(conn, input.id));
    const last =
      input.mergeRevisionWithinMs !== undefined && input.userId !== null
        ? await conn.selectFrom('article_revisions').selectAll().where('article_id', '=', input.id).orderBy('version', 'desc').limit(1).executeTakeFirst()
        : undefined;
    if (last && last.created_by === input.userId && Date.parse(at) - Date.parse(last.created_at) < (input.mergeRevisionWithinMs ?? 0)) {
      // Autosave within the window: the last revision now holds this state (it keeps its time, so
      // a long session still leaves one revision per window).
      await conn
        .updateTable('article_revisions')
        .set({ version: article.version, title: article.title, lede: article.lede, body: article.body, snapshot: JSON.stringify(snapshotOf(article)) })
        .where('id', '=', last.id)
        .execute();
    } else {
      await writeRevision(conn, article, input.userId, at);
    }
    // The search index follows every save (published: indexed; anything else: removed), in this transaction.
    await written(conn, [input.id]);
    await recordPurge(conn, await articlePurgeKeys(conn, before, article), now);
    return article;
  }

  /** The user's author profiles (ownership through bylines). */
  async function profilesOf(userId: number): Promise<number[]> {
    return (await db.selectFrom('authors').select('id').where('user_id', '=', userId).execute()).map((r) => r.id);
  }

  /**
   * The newsroom list's conditions on `a` (articles). Relation filters are EXISTS probes: a list
   * walks the (updated_at, id, status) index newest first and probes each candidate, so a page
   * costs a few probes whatever the filter. `skip` leaves out the relation a count drives from.
   */
  function adminWhere<Q extends SelectQueryBuilder<any, 'a', any>>(query: Q, filter: AdminArticleFilter, profiles: number[], skip: 'section' | 'author' | 'owner' | null): Q {
    let q = query as SelectQueryBuilder<Database & { a: Database['articles'] }, 'a', object>;
    q = filter.statuses && filter.statuses.length > 0 ? q.where('a.status', 'in', [...filter.statuses]) : q.where('a.status', '!=', 'trash');
    const probe = (table: 'article_sections' | 'article_authors', column: 'section_id' | 'author_id', ids: number[]) =>
      sql<boolean>`exists (select 1 from ${sql.table(table)} r where r.article_id = a.id and r.${sql.ref(column)} in (${sql.join(ids)}))`;
    if (filter.sectionId !== undefined && skip !== 'section') q = q.where(probe('article_sections', 'section_id', [filter.sectionId]));
    if (filter.authorId !== undefined && skip !== 'author') q = q.where(probe('article_authors', 'author_id', [filter.authorId]));
    if (filter.ownerUserId !== undefined && skip !== 'owner') {
      const userId = filter.ownerUserId;
      q = profiles.length === 0 ? q.where('a.created_by', '=', userId) : q.where((eb) => eb.or([eb('a.created_by', '=', userId), probe('article_authors', 'author_id', profiles)]));
    }
    const dateColumn = filter.dateField === 'published' ? 'a.published_at' : 'a.updated_at';
    if (filter.from) q = q.where(dateColumn, '>=', filter.from);
    if (filter.to) q = q.where(dateColumn, '<', filter.to);
    if (filter.text) q = q.where(sql<string>`lower(a.title)`, 'like', sql<string>`${likeContains(filter.text)} escape '\\'`);
    return q as unknown as Q;
  }

  /**
   * Counts up to `cap`. A count cannot stop early on a rare filter, so it is driven by the most
   * selective index: a section's or author's relation rows (joined to their articles by primary
   * key), or for "own" articles the bylines plus the articles the user created without a byline.
   */
  async function countAdmin(filter: AdminArticleFilter, cap: number | undefined): Promise<number> {
    const profiles = filter.ownerUserId !== undefined ? await profilesOf(filter.ownerUserId) : [];
    const capped = async (query: SelectQueryBuilder<any, any, any>) => {
      const matching = query.select(sql<number>`1`.as('one'));
      const row = await db
        .selectFrom((cap === undefined ? matching : matching.limit(cap)).as('m'))
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return toCount(row.n);
    };
    const viaRelation = (table: 'article_sections' | 'article_authors', column: 'section_id' | 'author_id', ids: number[], skip: 'section' | 'author' | 'owner') =>
      capped(adminWhere(db.selectFrom(`${table} as r` as 'article_sections as r').innerJoin('articles as a', 'a.id', 'r.article_id').where(`r.${column}` as 'r.section_id', 'in', ids), filter, profiles, skip));
    if (filter.ownerUserId !== undefined && profiles.length > 0) {
      const bylined = await viaRelation('article_authors', 'author_id', profiles, 'owner');
      const userId = filter.ownerUserId;
      const unbylined = await capped(
        adminWhere(db.selectFrom('articles as a'), filter, profiles, 'owner')
          .where('a.created_by', '=', userId)
          .where(sql<boolean>`not exists (select 1 from article_authors r where r.article_id = a.id and r.author_id in (${sql.join(profiles)}))`),
      );
      return cap === undefined ? bylined + unbylined : Math.min(cap, bylined + unbylined);
    }
    if (filter.sectionId !== undefined) return viaRelation('article_sections', 'section_id', [filter.sectionId], 'section');
    if (filter.authorId !== undefined) return viaRelation('article_authors', 'author_id', [filter.authorId], 'author');
    return capped(adminWhere(db.selectFrom('articles as a'), filter, profiles, null));
  }

  /** Published cards for ids, in the order given. Looks rows up by primary key only (the status
   * is checked on the few rows found), so no planner can turn it into an archive scan. */
  async function cardsByIdsInOrder(ids: number[]): Promise<ArticleCard[]> {
    if (ids.length === 0) return [];
    const rows = await cardColumns(db.selectFrom('articles as a')).select('a.status').where('a.id', 'in', ids).execute();
    const byId = new Map(rows.filter((r) => r.status === 'published').map((r) => [r.id, toCard(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  return {
    create(input) {
      const write = async (conn: Kysely<Database>) => {
        const article = await insert(conn, input);
        await written(conn, [article.id]);
        // An article created live (imports, demo content) appears in lists at once.
        await recordPurge(conn, await articlePurgeKeys(conn, null, article), now);
        return article;
      };
      return inTransaction ? write(db) : transactionWithPurges(db, write);
    },

    save(input) {
      return inTransaction ? saveIn(db, input) : transactionWithPurges(db, (trx) => saveIn(trx, input));
    },

    async listRevisions(articleId) {
      const rows = await db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId).orderBy('version', 'desc').execute();
      return rows.map(toRevision);
    },

    async findRevision(articleId, revisionId) {
      const row = await db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId).where('id', '=', revisionId).executeTakeFirst();
      return row ? toRevision(row) : null;
    },

    async listForAdmin(filter, paging) {
      const orderColumn = filter.dateField === 'published' ? 'a.published_at' : 'a.updated_at';
      const profiles = filter.ownerUserId !== undefined ? await profilesOf(filter.ownerUserId) : [];
      const rows = await adminWhere(db.selectFrom('articles as a'), filter, profiles, null)
        .select([
          'a.id',
          'a.slug',
          'a.title',
          'a.status',
          'a.published_at',
          'a.created_at',
          'a.updated_at',
          'a.version',
          'a.primary_section_id',
          'a.created_by',
          'a.updated_by',
        ])
        .orderBy(orderColumn, 'desc')
        .orderBy('a.id', 'desc')
        .limit(paging.limit)
        .offset(paging.offset)
        .execute();
      const ids = rows.map((r) => r.id);
      const bylines =
        ids.length === 0
          ? []
          : await db
              .selectFrom('article_authors as aa')
              .innerJoin('authors as au', 'au.id', 'aa.author_id')
              .select(['aa.article_id', 'aa.author_id', 'aa.position', 'au.display_name'])
              .where('aa.article_id', 'in', ids)
              .orderBy('aa.position')
              .execute();
      return rows.map(
        (r): AdminArticleRow => ({
          id: r.id,
          slug: r.slug,
          title: r.title,
          status: r.status as ArticleStatus,
          publishedAt: fromIsoOrNull(r.published_at),
          createdAt: new Date(r.created_at),
          updatedAt: new Date(r.updated_at),
          version: r.version,
          primarySectionId: r.primary_section_id,
          authorIds: bylines.filter((b) => b.article_id === r.id).map((b) => b.author_id),
          authors: bylines.filter((b) => b.article_id === r.id).map((b) => ({ authorId: b.author_id, name: b.display_name })),
          createdBy: r.created_by,
          updatedBy: r.updated_by,
        }),
      );
    },

    countForAdmin(filter, cap) {
      return countAdmin(filter, cap);
    },

    async findById(id) {
      const [row] = (await rowById(db, id)).rows;
      return row ? fromRow(row) : null;
    },

    async findCommentTarget(id) {
      const [row] = (await commentTargetRow(db, id)).rows;
      if (!row) return null;
      return {
        id: row.id,
        slug: row.slug,
        title: row.title,
        status: row.status as ArticleStatus,
        publishedAt: fromIsoOrNull(row.published_at),
        primarySectionId: row.primary_section_id,
        commentsOpen: row.comments_open === 1,
        commentCount: row.comment_count,
        authorIds: row.first_author_id === null ? [] : [Number(row.first_author_id)],
      };
    },

    async findBySlug(slug) {
      const [row] = (await rowBySlug(db, slug)).rows;
      return row ? fromRow(row) : null;
    },

    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await withRelations().where('a.id', 'in', [...ids]).execute();
      const byId = new Map(rows.map((row) => [row.id, fromRow(row)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    async slugExists(slug) {
      const row = await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
      return row !== undefined;
    },

    async listPublished(filter, paging) {
      const rows = await applyFilter(cards(), filter)
        .orderBy('a.published_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(paging.limit)
        .offset(paging.offset)
        .execute();
      return rows.map(toCard);
    },

    async listPublishedMany(lists) {
      if (lists.length === 0) return [];
      // One UNION ALL; each list ordered and limited in its own subquery, `list` says whose a row is.
      const union = sql.join(
        lists.map(
          ({ filter, paging }, i) =>
            sql`select * from ${applyFilter(cards(), filter)
              .select(sql.lit(i).as('list'))
              .orderBy('a.published_at', 'desc')
              .orderBy('a.id', 'desc')
              .limit(paging.limit)
              .offset(paging.offset)} as ${sql.raw(`l${i}`)}`,
        ),
        sql` union all `,
      );
      const { rows } = await sql<CardRow & { list: number | string }>`${union}`.execute(db);
      const out: ArticleCard[][] = lists.map(() => []);
      const newest = (x: CardRow, y: CardRow) => (y.published_at ?? '').localeCompare(x.published_at ?? '') || Number(y.id) - Number(x.id);
      for (const row of [...rows].sort(newest)) out[Number(row.list)]!.push(toCard({ ...row, id: Number(row.id) }));
      return out;
    },

    async countPublished(filter) {
      // Counting cannot stop early; IN lets the engine read the relation index once.
      let q = db.selectFrom('articles as a').select((eb) => eb.fn.countAll<string | number>().as('n')).where('a.status', '=', 'published');
      if (filter.sectionIds?.length) q = q.where('a.id', 'in', db.selectFrom('article_sections').select('article_id').where('section_id', 'in', filter.sectionIds));
      if (filter.tagId !== undefined) q = q.where('a.id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', '=', filter.tagId));
      if (filter.authorId !== undefined) q = q.where('a.id', 'in', db.selectFrom('article_authors').select('article_id').where('author_id', '=', filter.authorId));
      if (filter.excludeIds?.length) q = q.where('a.id', 'not in', filter.excludeIds);
      if (filter.onlyFeatured) q = q.where('a.is_featured', '=', 1);
      if (filter.onlyBreaking) q = q.where('a.is_breaking', '=', 1);
      return toCount((await q.executeTakeFirstOrThrow()).n);
    },

    async related(article, limit) {
      const found: ArticleCard[] = [];
      if (article.tagIds.length > 0) {
        // Most shared tags first, then newest. Read from the tag index alone (ids grow with time, so
        // the 50 highest ids per share count are the recent candidates), then ranked by date.
        const ranked = await db
          .selectFrom('article_tags as t')
          .select(['t.article_id', (eb) => eb.fn.countAll<string | number>().as('shared')])
          .where('t.tag_id', 'in', article.tagIds)
          .where('t.article_id', '!=', article.id)
          .groupBy('t.article_id')
          .orderBy('shared', 'desc')
          .orderBy('t.article_id', 'desc')
          .limit(50)
          .execute();
        const shared = new Map(ranked.map((r) => [r.article_id, toCount(r.shared)]));
        const candidates = await cardsByIdsInOrder([...shared.keys()]);
        candidates.sort(
          (x, y) =>
            (shared.get(y.id) ?? 0) - (shared.get(x.id) ?? 0) ||
            (y.publishedAt?.getTime() ?? 0) - (x.publishedAt?.getTime() ?? 0) ||
            y.id - x.id,
        );
        found.push(...candidates.slice(0, limit));
      }
      if (found.length < limit && article.sectionIds.length > 0) {
        const more = await applyFilter(cards(), {
          sectionIds: article.sectionIds,
          excludeIds: [article.id, ...found.map((c) => c.id)],
        })
          .orderBy('a.published_at', 'desc')
          .orderBy('a.id', 'desc')
          .limit(limit - found.length)
          .execute();
        found.push(...more.map(toCard));
      }
      return found;
    },

    async adjacentInSection(article, sectionId) {
      if (!article.publishedAt) return { previous: null, next: null };
      const at = article.publishedAt.toISOString();
      const inSection = applyFilter(cards(), { sectionIds: [sectionId] });
      const [previous, next] = await Promise.all([
        inSection
          .where((eb) => eb(eb.refTuple('a.published_at', 'a.id'), '<', eb.tuple(at, article.id)))
          .orderBy('a.published_at', 'desc')
          .orderBy('a.id', 'desc')
          .limit(1)
          .executeTakeFirst(),
        inSection
          .where((eb) => eb(eb.refTuple('a.published_at', 'a.id'), '>', eb.tuple(at, article.id)))
          .orderBy('a.published_at', 'asc')
          .orderBy('a.id', 'asc')
          .limit(1)
          .executeTakeFirst(),
      ]);
      return { previous: previous ? toCard(previous) : null, next: next ? toCard(next) : null };
    },

    async neighbours(article, limit, sectionId) {
      // One UNION ALL of small lists, each limited in its own subquery; `role` says which list a
      // row came from, `rank` orders the related ones (tags shared).
      type Role = 'tag' | 'section' | 'previous' | 'next';
      const branches: Array<{ role: Role; query: SelectQueryBuilder<any, any, any> }> = [];
      const tagged = (role: Role, rank: RawBuilder<unknown> = sql`0`) =>
        cardColumns(db.selectFrom('articles as a')).select([sql.lit(role).as('role'), rank.as('rank')]);
      if (article.tagIds.length > 0) {
        // Candidates as before: the 50 highest ids per share count, read from the tag index alone.
        const ranked = db
          .selectFrom('article_tags as t')
          .select('t.article_id')
          .where('t.tag_id', 'in', article.tagIds)
          .where('t.article_id', '!=', article.id)
          .groupBy('t.article_id')
          .orderBy(sql`count(*)`, 'desc')
          .orderBy('t.article_id', 'desc')
          .limit(50);
        const shared = sql`(select count(*) from article_tags st where st.article_id = a.id and st.tag_id in (${sql.join([...article.tagIds])}))`;
        branches.push({
          role: 'tag',
          query: tagged('tag', shared)
            .where('a.status', '=', 'published')
            .where('a.id', 'in', db.selectFrom(ranked.as('c')).select('c.article_id'))
            .orderBy('rank', 'desc')
            .orderBy('a.published_at', 'desc')
            .orderBy('a.id', 'desc')
            .limit(limit),
        });
      }
      if (article.sectionIds.length > 0) {
        // Newest of the sections; twice the limit, so enough remain once the related ones are dropped.
        branches.push({
          role: 'section',
          query: applyFilter(tagged('section').where('a.status', '=', 'published') as ReturnType<typeof cards>, { sectionIds: article.sectionIds, excludeIds: [article.id] })
            .orderBy('a.published_at', 'desc')
            .orderBy('a.id', 'desc')
            .limit(limit * 2),
        });
      }
      if (sectionId !== null && article.publishedAt) {
        const at = article.publishedAt.toISOString();
        const inSection = (role: Role) => applyFilter(tagged(role).where('a.status', '=', 'published') as ReturnType<typeof cards>, { sectionIds: [sectionId] });
        branches.push({
          role: 'previous',
          query: inSection('previous')
            .where((eb) => eb(eb.refTuple('a.published_at', 'a.id'), '<', eb.tuple(at, article.id)))
            .orderBy('a.published_at', 'desc')
            .orderBy('a.id', 'desc')
            .limit(1),
        });
        branches.push({
          role: 'next',
          query: inSection('next')
            .where((eb) => eb(eb.refTuple('a.published_at', 'a.id'), '>', eb.tuple(at, article.id)))
            .orderBy('a.published_at', 'asc')
            .orderBy('a.id', 'asc')
            .limit(1),
        });
      }
      if (branches.length === 0) return { related: [], previous: null, next: null };
      const union = sql.join(
        branches.map((b, i) => sql`select * from ${b.query} as ${sql.raw(`n${i}`)}`),
        sql` union all `,
      );
      const { rows } = await sql<CardRow & { role: Role; rank: string | number }>`${union}`.execute(db);
      const of = (role: Role) => rows.filter((r) => r.role === role);
      const newest = (x: CardRow, y: CardRow) => (y.published_at ?? '').localeCompare(x.published_at ?? '') || Number(y.id) - Number(x.id);
      const related = of('tag')
        .sort((x, y) => toCount(y.rank) - toCount(x.rank) || newest(x, y))
        .slice(0, limit)
        .map((r) => toCard({ ...r, id: Number(r.id) }));
      const taken = new Set([article.id, ...related.map((c) => c.id)]);
      for (const r of of('section').sort(newest)) {
        if (related.length >= limit) break;
        if (!taken.has(Number(r.id))) related.push(toCard({ ...r, id: Number(r.id) }));
      }
      const one = (role: Role) => {
        const [r] = of(role);
        return r ? toCard({ ...r, id: Number(r.id) }) : null;
      };
      return { related, previous: one('previous'), next: one('next') };
    },

    async bylinesAndTags(article) {
      if (article.authorIds.length === 0 && article.tagIds.length === 0) return { authors: [], tags: [] };
      const row = await db
        .selectNoFrom((eb) => [
          (article.authorIds.length === 0
            ? sql`null`
            : eb
                .selectFrom('authors as au')
                .select(
                  dialect
                    .jsonArray(
                      dialect.jsonObject({ id: sql.ref('au.id'), slug: sql.ref('au.slug'), display_name: sql.ref('au.display_name'), bio: sql.ref('au.bio'), user_id: sql.ref('au.user_id'), is_guest: sql.ref('au.is_guest') }),
                      sql.ref('au.id'),
                    )
                    .as('v'),
                )
                .where('au.id', 'in', [...article.authorIds])
          ).as('authors'),
          (article.tagIds.length === 0
            ? sql`null`
            : eb
                .selectFrom('tags as tg')
                .select(
                  dialect.jsonArray(dialect.jsonObject({ id: sql.ref('tg.id'), slug: sql.ref('tg.slug'), name: sql.ref('tg.name'), description: sql.ref('tg.description') }), sql.ref('tg.id')).as('v'),
                )
                .where('tg.id', 'in', [...article.tagIds])
          ).as('tags'),
        ])
        .executeTakeFirstOrThrow();
      type AuthorJson = Parameters<typeof toAuthor>[0];
      type TagJson = Parameters<typeof toTag>[0];
      const authors = new Map(jsonArrayValue<Omit<AuthorJson, 'created_at'>>(row.authors).map((r) => [Number(r.id), toAuthor({ ...r, id: Number(r.id), is_guest: Number(r.is_guest), created_at: '' })]));
      const tags = new Map(jsonArrayValue<Omit<TagJson, 'created_at'>>(row.tags).map((r) => [Number(r.id), toTag({ ...r, id: Number(r.id), created_at: '' })]));
      return {
        authors: article.authorIds.flatMap((id) => authors.get(id) ?? []),
        tags: article.tagIds.flatMap((id) => tags.get(id) ?? []),
      };
    },

    async mostRead(sinceDay, limit) {
      // From the views table alone; unpublished articles are dropped afterwards, so fetch spares.
      const top = await db
        .selectFrom('article_daily_views as v')
        .select(['v.article_id', (eb) => eb.fn.sum<string | number>('v.views').as('total')])
        .where('v.day', '>=', sinceDay)
        .groupBy('v.article_id')
        .orderBy('total', 'desc')
        .orderBy('v.article_id', 'desc')
        .limit(limit * 3)
        .execute();
      return (await cardsByIdsInOrder(top.map((r) => r.article_id))).slice(0, limit);
    },

    async addViews(day, counts) {
      if (counts.size === 0) return;
      const ids = [...counts.keys()];
      const write = async (conn: Kysely<Database>) => {
        // Articles deleted since they were viewed are skipped rather than failing the batch.
        const existing = await conn.selectFrom('articles').select('id').where('id', 'in', ids).execute();
        const values = existing.map((r) => ({ article_id: r.id, day, views: counts.get(r.id) ?? 0 }));
        if (values.length === 0) return;
        await conn
          .insertInto('article_daily_views')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['article_id', 'day']).doUpdateSet((eb) => ({
              views: eb('article_daily_views.views', '+', eb.ref('excluded.views')),
            })),
          )
          .execute();
      };
      await (inTransaction ? write(db) : db.transaction().execute(write));
    },

    async count() {
      const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return toCount(row.n as string | number);
    },

    async publishedByIds(ids) {
      if (ids.length === 0) return [];
      // Most of its cost is reading the bodies (long ones span overflow pages); search needs them
      // for its passages. The status is checked here, not in SQL: with `status = 'published'` in
      // the where clause SQLite walks the status index (every published article: 12 ms at 20,000)
      // instead of looking the ten ids up by primary key.
      const rows = await sql<CardRow & { body: string; status: string }>`
        select a.id, a.slug, a.title, a.lede, a.published_at, a.primary_section_id, a.featured_media_id,
          a.is_breaking, a.reading_minutes, a.body, a.status,
          (select au.slug from article_authors aa join authors au on au.id = aa.author_id
            where aa.article_id = a.id order by aa.position limit 1) as first_author_slug
        from articles a
        where a.id in (${sql.join([...ids])})`.execute(db);
      const published = rows.rows.filter((r) => r.status === 'published');
      const byId = new Map(published.map(({ status: _status, ...r }) => [Number(r.id), { ...toCard({ ...r, id: Number(r.id) }), body: r.body }]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    async publishedMonths() {
      // UTC months: the bucket is plain text on both stores and matches listForSitemap's ranges.
      const month = sql<string>`substr(a.published_at, 1, 7)`;
      const rows = await db
        .selectFrom('articles as a')
        .select([
          month.as('month'),
          (eb) => eb.fn.countAll<string | number>().as('n'),
          sql<string>`max(coalesce(a.modified_at, a.published_at))`.as('last'),
        ])
        .where('a.status', '=', 'published')
        .where('a.published_at', 'is not', null)
        .groupBy(month)
        .orderBy(month)
        .execute();
      return rows.map((r) => ({ month: r.month, count: toCount(r.n), lastModified: new Date(r.last) }));
    },

    async listForSitemap(fromIso, toIso, limit, offset) {
      // A range on published_at, so the (status, published_at) index serves it.
      const rows = await cardColumns(db.selectFrom('articles as a'))
        .leftJoin('media as m', 'm.id', 'a.featured_media_id')
        .select(['a.modified_at', 'm.storage_key', 'm.alt', 'm.caption'])
        .where('a.status', '=', 'published')
        .where('a.published_at', '>=', fromIso)
        .where('a.published_at', '<', toIso)
        .orderBy('a.published_at', 'asc')
        .orderBy('a.id', 'asc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((r) => ({
        ...toCard(r),
        modifiedAt: fromIsoOrNull(r.modified_at),
        featuredImage: r.storage_key === null ? null : { key: r.storage_key, alt: r.alt ?? '', caption: r.caption },
      }));
    },

    async publishedSince(sinceIso, limit) {
      const rows = await cards()
        .where('a.published_at', '>=', sinceIso)
        .orderBy('a.published_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toCard);
    },

    async publishedTaxonomy(kind) {
      const [relation, column, table] =
        kind === 'sections'
          ? ['article_sections', 'section_id', 'sections']
          : kind === 'tags'
            ? ['article_tags', 'tag_id', 'tags']
            : ['article_authors', 'author_id', 'authors'];
      const rows = await sql<{ id: number; slug: string; last: string }>`
        select t.id, t.slug, max(coalesce(a.modified_at, a.published_at)) as last
        from ${sql.table(relation)} r
        join articles a on a.id = r.article_id
        join ${sql.table(table)} t on t.id = r.${sql.ref(column)}
        where a.status = 'published' and a.published_at is not null ${kind === 'authors' ? sql`and t.is_guest = 0` : sql``}
        group by t.id, t.slug
        order by t.id`.execute(db);
      return rows.rows.map((r): TaxonomyLastModified => ({ id: Number(r.id), slug: r.slug, lastModified: new Date(r.last) }));
    },

    async taxonomyLastChange(kind) {
      // One pass over the (status, published_at, modified_at) index with a primary-key probe of
      // the relation per article: no row of articles is read and nothing is grouped.
      const relation = kind === 'sections' ? 'article_sections' : kind === 'tags' ? 'article_tags' : 'article_authors';
      const guestFilter = kind === 'authors' ? sql`and exists (select 1 from authors g where g.id = r.author_id and g.is_guest = 0)` : sql``;
      const newest = await sql<{ at: string | null }>`
        select max(coalesce(a.modified_at, a.published_at)) as at
        from articles a
        where a.status = 'published' and a.published_at is not null
          and exists (select 1 from ${sql.table(relation)} r where r.article_id = a.id ${guestFilter})`.execute(db);
      const at = newest.rows[0]?.at ?? null;
      return at === null ? null : new Date(at);
    },
  };
}
