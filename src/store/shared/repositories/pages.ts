import type { Kysely, Selectable } from 'kysely';
import type { Page } from '../../../domain/page.js';
import type { PageRepository } from '../../ports.js';
import type { Database } from '../schema.js';
import { fromIsoOrNull, toIsoOrNull } from '../values.js';

function toPage(row: Selectable<Database['pages']>): Page {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    body: row.body,
    status: row.status as Page['status'],
    publishedAt: fromIsoOrNull(row.published_at),
    updatedAt: new Date(row.updated_at),
    position: row.position,
    isDemo: row.is_demo === 1,
  };
}

export function createPageRepository(db: Kysely<Database>, now: () => Date): PageRepository {
  return {
    async create(input) {
      const at = now().toISOString();
      const row = await db
        .insertInto('pages')
        .values({
          slug: input.slug,
          title: input.title,
          body: input.body,
          status: input.status,
          published_at: toIsoOrNull(input.publishedAt ?? (input.status === 'published' ? now() : null)),
          created_at: at,
          updated_at: at,
          position: input.position ?? 0,
          is_demo: input.isDemo ? 1 : 0,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPage(row);
    },
    async findPublishedBySlug(slug) {
      const row = await db
        .selectFrom('pages')
        .selectAll()
        .where('slug', '=', slug)
        .where('status', '=', 'published')
        .executeTakeFirst();
      return row ? toPage(row) : null;
    },
    async listPublished() {
      const rows = await db
        .selectFrom('pages')
        .selectAll()
        .where('status', '=', 'published')
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map(toPage);
    },
  };
}
