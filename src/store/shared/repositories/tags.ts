import type { Kysely, Selectable } from 'kysely';
import type { Tag } from '../../../domain/tag.js';
import type { TagRepository } from '../../ports.js';
import type { Database } from '../schema.js';

function toTag(row: Selectable<Database['tags']>): Tag {
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
    async findBySlug(slug) {
      const row = await db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toTag(row) : null;
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('tags').selectAll().where('id', 'in', [...ids]).execute();
      return rows.map(toTag);
    },
  };
}
