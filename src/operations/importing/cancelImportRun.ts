import { rm } from 'node:fs/promises';
import type { Actor } from '../../domain/access.js';
import { isFinishedImport, type ImportRun } from '../../domain/importRun.js';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../authorize.js';
import type { ImportRunDeps } from './ImportRunDeps.js';

/**
 * Cancels an admin import (admins only). A queued run ends at once (cancelled, its upload
 * deleted; its job then finds nothing to do). A running one is asked to stop: its job reads the
 * request with its progress writes (every half second or so) and stops at the next batch boundary,
 * on whichever node runs it; the batches written before stay, and the run ends as cancelled with
 * its report. IMPORT_FINISHED when the run has already ended.
 *
 * @example const run = await cancelImportRun(deps, actor, 12); run.state // 'cancelled' or still 'running'
 */
export async function cancelImportRun(deps: Pick<ImportRunDeps, 'store' | 'now'>, actor: Actor, id: number): Promise<ImportRun> {
  authorize(actor, 'content.import');
  const run = await deps.store.importRuns.findById(id);
  if (!run) throw new AppError('NOT_FOUND', `no import ${id}`);
  if (isFinishedImport(run)) throw new AppError('IMPORT_FINISHED', `import ${id} has already ended (${run.state})`, { state: run.state });
  const at = deps.now();
  if (run.state === 'queued') {
    await rm(run.uploadPath, { force: true });
    await deps.store.importRuns.update(id, { state: 'cancelled', cancelRequestedAt: at, finishedAt: at, progress: { ...run.progress, phase: 'finished' } });
  } else if (run.cancelRequestedAt === null) {
    await deps.store.importRuns.update(id, { cancelRequestedAt: at });
  }
  return (await deps.store.importRuns.findById(id))!;
}
