import type { Kysely, Selectable } from 'kysely';
import type { Author } from '../../../domain/author.js';
import type { AuthorRepository } from '../../ports.js';
import type { Database } from '../schema.js';

export function toAuthor(row: Selectable<Database['authors']>): Author {
  return {
    id: row.id,
    slug: row.slug,
    name: row.display_name,
    bio: row.bio,
    userId: row.user_id,
    isGuest: row.is_guest === 1,
  };
}

export function createAuthorRepository(db: Kysely<Database>, now: () => Date): AuthorRepository {
  return {
    async create(input) {
      const row = await db
        .insertInto('authors')
        .values({
          slug: input.slug,
          display_name: input.name,
          bio: input.bio ?? null,
          user_id: input.userId ?? null,
          is_guest: input.isGuest ? 1 : 0,
          created_at: now().toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAuthor(row);
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toAuthor(row) : null;
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('authors').selectAll().where('id', 'in', [...ids]).execute();
      return rows.map(toAuthor);
    },
    async list() {
      const rows = await db.selectFrom('authors').selectAll().orderBy('display_name').orderBy('id').execute();
      return rows.map(toAuthor);
    },
    async findByUserId(userId) {
      const row = await db.selectFrom('authors').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return row ? toAuthor(row) : null;
    },
  };
}
