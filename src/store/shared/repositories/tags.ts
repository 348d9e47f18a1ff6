import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Tag } from '../../../domain/tag.js';
import type { TagRepository } from '../../ports.js';
import type { Database } from '../schema.js';
import { likeContains } from '../values.js';

export function toTag(row: Selectable<Database['tags']>): Tag {
  return { id: row.id, slug: row.slug, name: row.name, description: row.description };
}

export function createTagRepository(db: Kysely<Database>, now: () => Date): TagRepository {
  return {
    async create(input) {
      const row = await db
        .insertInto('tags')
        .values({ slug: input.slug, name: input.name, description: input.description ?? null, created_at: now().toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTag(row);
    },
    async list(paging, text) {
      let q = db.selectFrom('tags').selectAll();
      if (text) q = q.where(sql<string>`lower(name)`, 'like', sql<string>`${likeContains(text)} escape '\\'`);
      const rows = await q.orderBy('name').orderBy('id').limit(paging.limit).offset(paging.offset).execute();
      return rows.map(toTag);
    },
    async findById(id) {
      const row = await db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toTag(row) : null;
    },
    async update(id, changes) {
      const set: Updateable<Database['tags']> = {};
      if (changes.slug !== undefined) set.slug = changes.slug;
      if (changes.name !== undefined) set.name = changes.name;
      if (changes.description !== undefined) set.description = changes.description;
      if (Object.keys(set).length === 0) return this.findById(id);
      const row = await db.updateTable('tags').set(set).where('id', '=', id).returningAll().executeTakeFirst();
      return row ? toTag(row) : null;
    },
    async delete(id) {
      const result = await db.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toTag(row) : null;
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('tags').selectAll().where('id', 'in', [...ids]).execute();
      return rows.map(toTag);
    },
    async count() {
      const row = await db.selectFrom('tags').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
