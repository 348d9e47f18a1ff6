import type { Actor } from '../../domain/access.js';
import { waitingProgress, type ImportRun } from '../../domain/importRun.js';
import { authorize } from '../authorize.js';
import { WORDPRESS_IMPORT_JOB, type ImportRunDeps } from './ImportRunDeps.js';

export interface StartImportInput {
  /** The uploaded file, already on disk under `deps.importsDir`. */
  uploadPath: string;
  fileName: string;
  sizeBytes: number;
  dryRun: boolean;
}

/**
 * Records an import run and queues its durable job (admins only): the file is read by the job,
 * never in the request. Re-running an export is safe (the importer keys on WordPress's ids).
 *
 * @example const run = await startWordpressImport(deps, actor, { uploadPath, fileName: 'export.xml', sizeBytes, dryRun: false });
 */
export async function startWordpressImport(deps: ImportRunDeps, actor: Actor, input: StartImportInput): Promise<ImportRun> {
  authorize(actor, 'content.import');
  const queued = await deps.store.transaction(async (tx) => {
    const run = await tx.importRuns.create(
      {
        sourceKind: 'wordpress',
        fileName: [...input.fileName].slice(0, 200).join('') || 'export.xml',
        uploadPath: input.uploadPath,
        sizeBytes: input.sizeBytes,
        dryRun: input.dryRun,
        requestedBy: actor.kind === 'user' ? actor.userId : null,
      },
      waitingProgress(),
    );
    // Retried while another node's worker still runs it (its heartbeat is fresh); see runWordpressImport.
    await tx.jobs.enqueue({ kind: WORDPRESS_IMPORT_JOB, payload: { runId: run.id }, runAt: deps.now(), maxAttempts: 50, backoffMs: 15_000 });
    return run;
  });
  deps.wake?.();
  return queued;
}
