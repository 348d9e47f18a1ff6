import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Section } from '../../../domain/section.js';
import type { SectionRepository } from '../../ports.js';
import type { Database } from '../schema.js';

function toSection(row: Selectable<Database['sections']>): Section {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    parentId: row.parent_id,
    position: row.position,
  };
}

export function createSectionRepository(db: Kysely<Database>, now: () => Date): SectionRepository {
  return {
    async create(input) {
      const at = now().toISOString();
      const row = await db
        .insertInto('sections')
        .values({
          slug: input.slug,
          name: input.name,
          description: input.description ?? null,
          parent_id: input.parentId ?? null,
          position: input.position ?? 0,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSection(row);
    },
    async findById(id) {
      const row = await db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSection(row) : null;
    },
    async update(id, changes) {
      const set: Updateable<Database['sections']> = { updated_at: now().toISOString() };
      if (changes.slug !== undefined) set.slug = changes.slug;
      if (changes.name !== undefined) set.name = changes.name;
      if (changes.description !== undefined) set.description = changes.description;
      if (changes.parentId !== undefined) set.parent_id = changes.parentId;
      if (changes.position !== undefined) set.position = changes.position;
      const row = await db.updateTable('sections').set(set).where('id', '=', id).returningAll().executeTakeFirst();
      return row ? toSection(row) : null;
    },
    async delete(id) {
      // Children lose their parent and articles the section (foreign keys: set null / cascade).
      const result = await db.deleteFrom('sections').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async list() {
      const rows = await db.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute();
      return rows.map(toSection);
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toSection(row) : null;
    },
  };
}
