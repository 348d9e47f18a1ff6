import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../../operations/authorize.js';
import { deleteMedia } from '../../operations/media/deleteMedia.js';
import { getMedia } from '../../operations/media/getMedia.js';
import { listMedia } from '../../operations/media/listMedia.js';
import type { MediaDeps } from '../../operations/media/MediaDeps.js';
import { toMediaItem } from '../../operations/media/toMediaItem.js';
import { updateMedia } from '../../operations/media/updateMedia.js';
import { uploadMedia, type UploadInput } from '../../operations/media/uploadMedia.js';
import { bodyOf } from './bodyOf.js';
import type { AdminRouteModule } from './registerAdminApi.js';
import { requireActor } from './requestActor.js';

type IdParams = { Params: { id: string } };

export interface MediaRouteOptions {
  /** AVIF copies after each upload (config media.avif). */
  avif: boolean;
  /** Queues the AVIF step of an item (a durable job: a restart in between does not lose it). */
  queueAvif(mediaId: number): Promise<void>;
}

function idOf(raw: string): number {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) throw new AppError('NOT_FOUND', `no media item ${raw}`);
  return Number(raw);
}

const TEXT_FIELDS = new Set(['alt', 'caption', 'credit', 'focalX', 'focalY']);

/** The one file and the text fields of a multipart upload, with the size cap as MEDIA_TOO_LARGE. */
async function readUpload(request: FastifyRequest, maxBytes: number): Promise<UploadInput> {
  if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 'send the upload as multipart/form-data with a "file" part');
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; fileName: string } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer();
          throw new AppError('INVALID_INPUT', 'send exactly one file, in the part named "file"', { field: 'file' });
        }
        file = { bytes: await part.toBuffer(), fileName: part.filename };
      } else if (TEXT_FIELDS.has(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('MEDIA_TOO_LARGE', `the file is larger than ${maxBytes} bytes`, { maxBytes });
    throw new AppError('BAD_REQUEST', `the multipart body cannot be read (${code ?? 'malformed'})`);
  }
  if (!file || file.bytes.length === 0) throw new AppError('INVALID_INPUT', 'the "file" part is missing or empty', { field: 'file' });
  return { ...fields, bytes: file.bytes, fileName: file.fileName };
}

/**
 * The media library under /admin/api (JSON answers; items as `toMediaItem`):
 * POST /media (multipart: `file`, and optional `alt`, `caption`, `credit`, `focalX`, `focalY`) → 201 {media};
 * GET /media?q=&uploadedBy=&page=&perPage= → {items, total, page, perPage}; GET /media/:id → {media};
 * PATCH /media/:id {alt?, caption?, credit?, focalX?, focalY?} → {media} (a focal change recrops);
 * DELETE /media/:id → {deleted}. Access is checked by the operations.
 */
export function mediaRoutes(deps: MediaDeps, options: MediaRouteOptions): AdminRouteModule {
  return async (scope: FastifyInstance) => {
    await scope.register(async (media) => {
      await media.register(fastifyMultipart, {
        limits: { fileSize: deps.limits.maxUploadBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 12, headerPairs: 100 },
      });

      media.post('/media', async (request, reply) => {
        const actor = requireActor(request);
        // Checked again by the operation; here so a refused role does not make us read 20 MB.
        authorize(actor, 'media.upload');
        const item = await uploadMedia(deps, actor, await readUpload(request, deps.limits.maxUploadBytes));
        if (options.avif) await options.queueAvif(item.id);
        return reply.code(201).send({ media: toMediaItem(item, deps.storage) });
      });

      media.get<{ Querystring: Record<string, string | undefined> }>('/media', async (request) => {
        const q = request.query;
        return listMedia(deps, requireActor(request), { q: q.q, uploadedBy: q.uploadedBy, page: q.page, perPage: q.perPage });
      });

      media.get<IdParams>('/media/:id', async (request) => ({
        media: toMediaItem(await getMedia(deps, requireActor(request), idOf(request.params.id)), deps.storage),
      }));

      media.patch<IdParams>('/media/:id', async (request) => ({
        media: toMediaItem(await updateMedia(deps, requireActor(request), idOf(request.params.id), bodyOf(request)), deps.storage),
      }));

      media.delete<IdParams>('/media/:id', async (request) => deleteMedia(deps, requireActor(request), idOf(request.params.id)));
    });
  };
}
