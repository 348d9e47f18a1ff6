import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../../operations/authorize.js';
import { reportFileOf, type ImportRunDeps } from '../../operations/importing/ImportRunDeps.js';
import { cancelImportRun } from '../../operations/importing/cancelImportRun.js';
import { getImportRun, importRunView, listImportRuns } from '../../operations/importing/readImportRuns.js';
import type { ImportRunner } from '../../operations/importing/runWordpressImport.js';
import { startWordpressImport, type StartImportInput } from '../../operations/importing/startWordpressImport.js';
import type { AdminRouteModule } from './registerAdminApi.js';
import { requireActor } from './requestActor.js';

export interface ImportRouteOptions {
  /** Largest export accepted (config imports.maxUploadBytes); larger ones get IMPORT_TOO_LARGE (413). */
  maxUploadBytes: number;
  /** The runner of this process: its live progress is fresher than the store's copy. */
  runner?: Pick<ImportRunner, 'live'>;
}

type IdParams = { Params: { id: string } };

function idOf(raw: string): number {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) throw new AppError('NOT_FOUND', `no import ${raw}`);
  return Number(raw);
}

/**
 * Streams the multipart `file` part to a new file under `dir` (never parsed here) and reads the
 * `dryRun` field; stops at `maxBytes` with IMPORT_TOO_LARGE and deletes what was written.
 */
async function receiveUpload(request: FastifyRequest, dir: string, maxBytes: number): Promise<StartImportInput> {
  if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 'send the export as multipart/form-data with a "file" part');
  await mkdir(dir, { recursive: true });
  let upload: { path: string; name: string } | null = null;
  let dryRun = false;
  const tooLarge = () => new AppError('IMPORT_TOO_LARGE', `the export is larger than ${maxBytes} bytes (imports.maxUploadBytes)`, { maxBytes });
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload) {
          part.file.resume();
          throw new AppError('INVALID_INPUT', 'send exactly one file, in the part named "file"', { field: 'file' });
        }
        upload = { path: path.join(dir, `upload-${randomUUID()}.xml`), name: part.filename };
        await pipeline(part.file, createWriteStream(upload.path, { flags: 'wx' }));
        if (part.file.truncated) throw tooLarge();
      } else if (part.fieldname === 'dryRun' && typeof part.value === 'string') {
        dryRun = part.value === 'true' || part.value === '1' || part.value === 'on';
      }
    }
  } catch (error) {
    if (upload) await rm(upload.path, { force: true });
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw new AppError('BAD_REQUEST', `the multipart body cannot be read (${code ?? 'malformed'})`);
  }
  if (!upload) throw new AppError('INVALID_INPUT', 'the "file" part is missing', { field: 'file' });
  const sizeBytes = (await stat(upload.path)).size;
  if (sizeBytes === 0) {
    await rm(upload.path, { force: true });
    throw new AppError('INVALID_INPUT', 'the "file" part is empty', { field: 'file' });
  }
  return { uploadPath: upload.path, fileName: upload.name, sizeBytes, dryRun };
}

/**
 * Imports from the admin under /admin/api (admins only, checked by the operations):
 * POST /imports/wordpress (multipart: `file`, optional `dryRun`) → 202 {run};
 * GET /imports → {runs}; GET /imports/:id → {run} (progress while it runs, the report at the end);
 * POST /imports/:id/cancel → {run} (a queued run is cancelled at once, a running one stops at its
 * next batch; 409 IMPORT_FINISHED once it has ended);
 * GET /imports/:id/report.json → the full report with every old URL and where it goes (a download).
 */
export function importRoutes(deps: ImportRunDeps, options: ImportRouteOptions): AdminRouteModule {
  const view = (run: Parameters<typeof importRunView>[0]) => {
    const live = options.runner?.live(run.id);
    return importRunView(live && run.state === 'running' ? { ...run, progress: live } : run);
  };
  return async (scope: FastifyInstance) => {
    await scope.register(async (imports) => {
      await imports.register(fastifyMultipart, {
        limits: { fileSize: options.maxUploadBytes, files: 1, fields: 5, fieldSize: 100, parts: 6, headerPairs: 100 },
      });

      imports.post('/imports/wordpress', async (request, reply) => {
        const actor = requireActor(request);
        // Checked again by the operation; here so a refused role does not make us store a file.
        authorize(actor, 'content.import');
        const input = await receiveUpload(request, deps.importsDir, options.maxUploadBytes);
        try {
          const run = await startWordpressImport(deps, actor, input);
          return reply.code(202).send({ run: view(run) });
        } catch (error) {
          await rm(input.uploadPath, { force: true });
          throw error;
        }
      });

      imports.get('/imports', async (request) => ({ runs: (await listImportRuns(deps, requireActor(request))).map(view) }));

      imports.get<IdParams>('/imports/:id', async (request) => ({ run: view(await getImportRun(deps, requireActor(request), idOf(request.params.id))) }));

      imports.post<IdParams>('/imports/:id/cancel', async (request) => ({ run: view(await cancelImportRun(deps, requireActor(request), idOf(request.params.id))) }));

      imports.get<IdParams>('/imports/:id/report.json', async (request, reply) => {
        const run = await getImportRun(deps, requireActor(request), idOf(request.params.id));
        if (run.report === null) throw new AppError('NOT_FOUND', `import ${run.id} has no report yet (${run.state})`);
        const file = reportFileOf(deps.importsDir, run.id);
        const size = await stat(file).then((s) => s.size, () => null);
        if (size === null) throw new AppError('NOT_FOUND', `the report file of import ${run.id} is gone`);
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-length', size)
          .header('content-disposition', `attachment; filename="khabar-import-${run.id}-urls.json"`)
          .send(createReadStream(file));
      });
    });
  };
}
