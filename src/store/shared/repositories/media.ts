import { sql, type Kysely, type Selectable } from 'kysely';
import { AppError } from '../../../errors/AppError.js';
import type { Media, MediaEdit, MediaVariant, NewMedia } from '../../../domain/media.js';
import { normalizeForMatch } from '../../../domain/text/normalize.js';
import type { MediaFilter, MediaRepository } from '../../ports.js';
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
    focalX: row.focal_x,
    focalY: row.focal_y,
    originalName: row.original_name,
    uploadedBy: row.uploaded_by,
    variants: JSON.parse(row.variants) as MediaVariant[],
    createdAt: new Date(row.created_at),
  };
}

/** One folded text of what the library search looks in (alt, caption, credit, file name). */
function searchTextOf(m: { alt: string; caption: string | null; credit: string | null; originalName: string | null }): string {
  return normalizeForMatch([m.alt, m.caption ?? '', m.credit ?? '', m.originalName ?? ''].join(' ')).toLowerCase();
}

/** `LIKE` with the user's text taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Reads-and-retries before an update gives up; each retry means another write landed first. */
const MAX_UPDATE_ATTEMPTS = 20;

export function createMediaRepository(db: Kysely<Database>, now: () => Date): MediaRepository {
  const filtered = (filter: MediaFilter) => {
    let query = db.selectFrom('media');
    const words = normalizeForMatch(filter.search ?? '').toLowerCase().split(' ').filter((w) => w !== '');
    for (const word of words) query = query.where(sql<boolean>`search_text like ${likePattern(word)} escape '\\'`);
    if (filter.uploadedBy !== undefined) query = query.where('uploaded_by', '=', filter.uploadedBy);
    return query;
  };
  return {
    async create(input: NewMedia) {
      const values = {
        alt: input.alt ?? '',
        caption: input.caption ?? null,
        credit: input.credit ?? null,
        originalName: input.originalName ?? null,
      };
      const row = await db
        .insertInto('media')
        .values({
          storage_key: input.key,
          mime_type: input.mimeType,
          width: input.width ?? null,
          height: input.height ?? null,
          size_bytes: input.sizeBytes,
          alt: values.alt,
          caption: values.caption,
          credit: values.credit,
          focal_x: input.focalX ?? null,
          focal_y: input.focalY ?? null,
          original_name: values.originalName,
          uploaded_by: input.uploadedBy ?? null,
          search_text: searchTextOf(values),
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
    async findById(id) {
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toMedia(row) : null;
    },
    async list(filter, paging) {
      const rows = await filtered(filter)
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(paging.limit)
        .offset(paging.offset)
        .execute();
      return rows.map(toMedia);
    },
    async count(filter) {
      const row = await filtered(filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async update(id, edit: MediaEdit) {
      // Compare-and-set: the write applies only if alt, caption, credit and variants are still
      // what this call read, else it reads again. Two writers (an editor's PATCH and the AVIF
      // job, say) then never write back a value the other one has already replaced.
      for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt += 1) {
        const current = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
        if (!current) return null;
        const next = {
          alt: edit.alt ?? current.alt,
          caption: edit.caption === undefined ? current.caption : edit.caption,
          credit: edit.credit === undefined ? current.credit : edit.credit,
          originalName: current.original_name,
        };
        const variants =
          edit.variants === undefined
            ? current.variants
            : JSON.stringify(typeof edit.variants === 'function' ? edit.variants(JSON.parse(current.variants) as MediaVariant[]) : edit.variants);
        const row = await db
          .updateTable('media')
          .set({
            alt: next.alt,
            caption: next.caption,
            credit: next.credit,
            focal_x: edit.focalX === undefined ? current.focal_x : edit.focalX,
            focal_y: edit.focalY === undefined ? current.focal_y : edit.focalY,
            variants,
            search_text: searchTextOf(next),
          })
          .where('id', '=', id)
          .where('alt', '=', current.alt)
          .where((eb) => (current.caption === null ? eb('caption', 'is', null) : eb('caption', '=', current.caption)))
          .where((eb) => (current.credit === null ? eb('credit', 'is', null) : eb('credit', '=', current.credit)))
          .where('variants', '=', current.variants)
          .returningAll()
          .executeTakeFirst();
        if (row) return toMedia(row);
      }
      throw new AppError('CONFLICT', `media ${id} was changed by ${MAX_UPDATE_ATTEMPTS} other writes while this one tried to apply`);
    },
    async delete(id) {
      const result = await db.deleteFrom('media').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async featuredIn(id) {
      const rows = await db.selectFrom('articles').select('id').where('featured_media_id', '=', id).where('status', '!=', 'trash').orderBy('id').limit(20).execute();
      return rows.map((r) => r.id);
    },
  };
}
