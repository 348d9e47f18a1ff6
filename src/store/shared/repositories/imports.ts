import type { Kysely, Updateable } from 'kysely';
import type { ImportRepository } from '../../ports.js';
import { surrogateKey } from '../../../domain/surrogateKeys.js';
import { recordPurge } from '../purgeLog.js';
import type { DialectQueries } from '../dialectQueries.js';
import type { Database } from '../schema.js';
import { prepareQuery } from '../preparedQuery.js';
import { articleContentColumns, commentColumns } from '../rowValues.js';
import { toIsoOrNull } from '../values.js';

/** Lookups of many keys are split so no statement carries more parameters than SQLite allows. */
const CHUNK = 500;

/**
 * Import writes on either dialect (see ImportRepository). Articles report the ids they wrote to
 * `written` (the search index follows, in bulk inside a transaction); the content version moves
 * once per batch (`touch`), not once per row.
 */
export function createImportRepository(
  db: Kysely<Database>,
  now: () => Date,
  dialect: DialectQueries,
  written: (conn: Kysely<Database>, ids: readonly number[]) => Promise<void>,
): ImportRepository {
  const RELATIONS = [
    ['article_sections', 'section_id'],
    ['article_tags', 'tag_id'],
    ['article_authors', 'author_id'],
  ] as const;
  type RelationRow = { article_id: number; ref: number; position: number };
  /** Relation rows of new articles written with `relationsLater`, by table, until `touch`. */
  const laterRelations: RelationRow[][] = RELATIONS.map(() => []);

  async function insertRelations(index: number, rows: readonly RelationRow[]) {
    const [table, column] = RELATIONS[index]!;
    for (let i = 0; i < rows.length; i += CHUNK) {
      await db
        .insertInto(table)
        .values(rows.slice(i, i + CHUNK).map((r) => ({ article_id: r.article_id, [column]: r.ref, position: r.position }) as never))
        .execute();
    }
  }

  async function replaceRelations(articleId: number, lists: readonly number[][], fresh: boolean, later: boolean) {
    for (let t = 0; t < RELATIONS.length; t++) {
      const [table] = RELATIONS[t]!;
      const rows = lists[t]!.map((ref, position) => ({ article_id: articleId, ref, position }));
      if (!fresh) {
        await db.deleteFrom(table).where('article_id', '=', articleId).execute();
        const pending = laterRelations[t]!;
        if (pending.some((r) => r.article_id === articleId)) laterRelations[t] = pending.filter((r) => r.article_id !== articleId);
      }
      if (later) laterRelations[t]!.push(...rows);
      else if (rows.length) await insertRelations(t, rows);
    }
  }

  async function writeLaterRelations() {
    for (let t = 0; t < RELATIONS.length; t++) {
      const rows = laterRelations[t]!;
      laterRelations[t] = [];
      await insertRelations(t, rows);
    }
  }

  // Built once per repository (one per transaction), run for every row: an import writes
  // thousands of articles and comments, and Kysely's building costs more than SQLite's insert.
  type ArticleRow = ReturnType<typeof articleContentColumns> & { updated_at: string; created_at: string };
  const articleRow = (fields: ArticleRow) => ({ ...fields, version: 1, is_demo: 0, created_by: null, updated_by: null });
  const insertArticle = prepareQuery((fields: ArticleRow) => db.insertInto('articles').values(articleRow(fields)).returning('id'));
  const insertArticleWithId = prepareQuery((id: number, fields: ArticleRow) =>
    db
      .insertInto('articles')
      .values({ id, ...articleRow(fields) })
      .returning('id'),
  );
  const setFeatured = prepareQuery((mediaId: number, articleId: number) => db.updateTable('articles').set({ featured_media_id: mediaId }).where('id', '=', articleId));
  const insertComment = prepareQuery((fields: ReturnType<typeof commentColumns>) => db.insertInto('comments').values(fields).returning('id'));

  return {
    async findKeys(source, kind, sourceIds) {
      const out = new Map<string, number>();
      const unique = [...new Set(sourceIds)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const rows = await db
          .selectFrom('import_keys')
          .select(['source_id', 'target_id'])
          .where('source', '=', source)
          .where('kind', '=', kind)
          .where('source_id', 'in', unique.slice(i, i + CHUNK))
          .execute();
        for (const r of rows) out.set(r.source_id, Number(r.target_id));
      }
      return out;
    },
    async putKeys(source, kind, entries) {
      for (let i = 0; i < entries.length; i += CHUNK) {
        const values = entries.slice(i, i + CHUNK).map((e) => ({ source, kind, source_id: e.sourceId, target_id: e.id }));
        await db
          .insertInto('import_keys')
          .values(values)
          .onConflict((oc) => oc.columns(['source', 'kind', 'source_id']).doUpdateSet((eb) => ({ target_id: eb.ref('excluded.target_id') })))
          .execute();
      }
    },
    async articleIdsTaken(ids) {
      const out = new Set<number>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        for (const r of await db.selectFrom('articles').select('id').where('id', 'in', unique.slice(i, i + CHUNK)).execute()) out.add(Number(r.id));
      }
      return out;
    },
    async articleSlugs(slugs) {
      const out = new Map<string, number>();
      const unique = [...new Set(slugs)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        for (const r of await db.selectFrom('articles').select(['id', 'slug']).where('slug', 'in', unique.slice(i, i + CHUNK)).execute()) out.set(r.slug, Number(r.id));
      }
      return out;
    },
    async redirectSources(paths) {
      const out = new Set<string>();
      const unique = [...new Set(paths)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        for (const r of await db.selectFrom('redirects').select('from_path').where('from_path', 'in', unique.slice(i, i + CHUNK)).execute()) out.add(r.from_path);
      }
      return out;
    },
    async putRedirects(redirects) {
      const at = now().toISOString();
      const unique = [...new Map(redirects.map((r) => [r.fromPath, r])).values()];
      for (let i = 0; i < unique.length; i += CHUNK) {
        await db
          .insertInto('redirects')
          .values(unique.slice(i, i + CHUNK).map((r) => ({ from_path: r.fromPath, to_path: r.toPath, status_code: 301, created_at: at })))
          .onConflict((oc) => oc.column('from_path').doUpdateSet((eb) => ({ to_path: eb.ref('excluded.to_path'), status_code: 301 })))
          .execute();
      }
    },
    async touch() {
      await writeLaterRelations();
      // An import batch touches any page: every cached one goes.
      await recordPurge(db, [surrogateKey.all], now);
    },
    async writeArticle(input, target) {
      const at = now().toISOString();
      const lists = [[...new Set(input.sectionIds ?? [])], [...new Set(input.tagIds ?? [])], [...new Set(input.authorIds ?? [])]];
      const fields = { ...articleContentColumns(input), updated_at: at };
      const later = target.relationsLater === true;
      let id: number;
      if (target.existingId !== null) {
        id = target.existingId;
        const set: Updateable<Database['articles']> = { ...fields, updated_by: null };
        await db
          .updateTable('articles')
          .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
          .where('id', '=', id)
          .execute();
        await replaceRelations(id, lists, false, later);
      } else {
        const row = { ...fields, created_at: at };
        const inserted = target.preferredId !== null ? await insertArticleWithId(db, target.preferredId, row) : await insertArticle(db, row);
        const first = inserted.rows[0];
        if (!first) throw new Error('writeArticle: the insert returned no id');
        id = Number(first.id);
        await replaceRelations(id, lists, true, later);
      }
      if (!target.skipIndex) await written(db, [id]);
      return id;
    },
    async setFeaturedMedia(pairs) {
      for (const { articleId, mediaId } of pairs) await setFeatured(db, mediaId, articleId);
    },
    async pageIdBySlug(slug) {
      const row = await db.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst();
      return row ? Number(row.id) : null;
    },
    async writePage(input, existingId) {
      const at = now().toISOString();
      const fields = {
        slug: input.slug,
        title: input.title,
        body: input.body,
        status: input.status,
        published_at: toIsoOrNull(input.publishedAt ?? null),
        updated_at: at,
        position: input.position ?? 0,
      };
      let id: number;
      if (existingId !== null) {
        await db.updateTable('pages').set(fields).where('id', '=', existingId).execute();
        id = existingId;
      } else {
        const row = await db
          .insertInto('pages')
          .values({ ...fields, created_at: at, is_demo: 0 })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = Number(row.id);
      }
      return id;
    },
    async writeComment(input, existingId) {
      const fields = commentColumns(input, input.createdAt.toISOString(), now().toISOString());
      if (existingId !== null) {
        await db.updateTable('comments').set(fields).where('id', '=', existingId).execute();
        return existingId;
      }
      const first = (await insertComment(db, fields)).rows[0];
      if (!first) throw new Error('writeComment: the insert returned no id');
      return Number(first.id);
    },
    async recountComments(articleIds) {
      const ids = [...new Set(articleIds)];
      for (let i = 0; i < ids.length; i += CHUNK) {
        await db
          .updateTable('articles')
          .set((eb) => ({
            comment_count: eb
              .selectFrom('comments')
              .select((c) => c.fn.countAll<number>().as('n'))
              .whereRef('comments.article_id', '=', 'articles.id')
              .where('comments.status', '=', 'approved'),
            thread_count: eb
              .selectFrom('comments')
              .select((c) => c.fn.countAll<number>().as('n'))
              .whereRef('comments.article_id', '=', 'articles.id')
              .where('comments.status', '=', 'approved')
              .where('comments.parent_id', 'is', null),
          }))
          .where('id', 'in', ids.slice(i, i + CHUNK))
          .execute();
      }
    },
    async updateAuthor(id, changes) {
      await db.updateTable('authors').set({ display_name: changes.name, bio: changes.bio }).where('id', '=', id).execute();
    },
    async alignIds() {
      await dialect.alignIdentity(db, 'articles');
    },
  };
}
