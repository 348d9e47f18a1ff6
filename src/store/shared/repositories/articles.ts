import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Article, ArticleCard, ArticleStatus, NewArticle } from '../../../domain/article.js';
import type { ArticleRepository, PublishedFilter, TaxonomyLastModified } from '../../ports.js';
import type { Database } from '../schema.js';
import { fromIsoOrNull, toCount, toFlag, toIsoOrNull } from '../values.js';

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
    readingMinutes: row.reading_minutes,
    version: row.version,
    isDemo: row.is_demo === 1,
    commentCount: row.comment_count,
  };
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

  async function relations(conn: Kysely<Database>, id: number): Promise<Relations> {
    const rows = await conn
      .selectFrom('article_sections')
      .select([sql<string>`'s'`.as('kind'), 'section_id as ref', 'position'])
      .where('article_id', '=', id)
      .unionAll(
        conn
          .selectFrom('article_tags')
          .select([sql<string>`'t'`.as('kind'), 'tag_id as ref', 'position'])
          .where('article_id', '=', id),
      )
      .unionAll(
        conn
          .selectFrom('article_authors')
          .select([sql<string>`'a'`.as('kind'), 'author_id as ref', 'position'])
          .where('article_id', '=', id),
      )
      .execute();
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
        slug: input.slug,
        title: input.title,
        lede: input.lede ?? null,
        body: input.body,
        status: input.status,
        published_at: toIsoOrNull(input.publishedAt),
        modified_at: toIsoOrNull(input.modifiedAt),
        created_at: at,
        updated_at: at,
        primary_section_id: sectionIds[0] ?? null,
        featured_media_id: input.featuredMediaId ?? null,
        is_breaking: toFlag(input.isBreaking),
        is_featured: toFlag(input.isFeatured),
        comments_open: toFlag(input.commentsOpen, true),
        seo_title: input.seoTitle ?? null,
        seo_description: input.seoDescription ?? null,
        reading_minutes: input.readingMinutes,
        version: 1,
        is_demo: toFlag(input.isDemo),
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
    return toArticle(row, { sectionIds, tagIds, authorIds });
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
        return article;
      };
      return inTransaction ? write(db) : db.transaction().execute(write);
    },

    async findById(id) {
      const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toArticle(row, await relations(db, row.id)) : null;
    },

    async findBySlug(slug) {
      const row = await db.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toArticle(row, await relations(db, row.id)) : null;
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
      // for its passages.
      const rows = await sql<CardRow & { body: string }>`
        select a.id, a.slug, a.title, a.lede, a.published_at, a.primary_section_id, a.featured_media_id,
          a.is_breaking, a.reading_minutes, a.body,
          (select au.slug from article_authors aa join authors au on au.id = aa.author_id
            where aa.article_id = a.id order by aa.position limit 1) as first_author_slug
        from articles a
        where a.id in (${sql.join([...ids])}) and a.status = 'published'`.execute(db);
      const byId = new Map(rows.rows.map((r) => [Number(r.id), { ...toCard({ ...r, id: Number(r.id) }), body: r.body }]));
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
