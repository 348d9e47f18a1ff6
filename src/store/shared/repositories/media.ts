import type { Kysely, Selectable } from 'kysely';
import type { Media, MediaVariant } from '../../../domain/media.js';
import type { MediaRepository } from '../../ports.js';
import type { Database } from '../schema.js';

function toMedia(row: Selectable<Database['media']>): Media {
  return {
    id: row.id,
    key: row.storage_key,
    mimeType: row.mime_type,
    width: row.width,
    height: row.height,
    sizeBytes: row.size_bytes,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    variants: JSON.parse(row.variants) as MediaVariant[],
    createdAt: new Date(row.created_at),
  };
}

export function createMediaRepository(db: Kysely<Database>, now: () => Date): MediaRepository {
  return {
    async create(input) {
      const row = await db
        .insertInto('media')
        .values({
          storage_key: input.key,
          mime_type: input.mimeType,
          width: input.width ?? null,
          height: input.height ?? null,
          size_bytes: input.sizeBytes,
          alt: input.alt ?? '',
          caption: input.caption ?? null,
          credit: input.credit ?? null,
          focal_x: null,
          focal_y: null,
          variants: JSON.stringify(input.variants ?? []),
          created_at: now().toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMedia(row);
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('media').selectAll().where('id', 'in', [...ids]).execute();
      return rows.map(toMedia);
    },
  };
}
