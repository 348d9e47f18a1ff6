import type { Actor } from '../../domain/access.js';
import type { ImportRun } from '../../domain/importRun.js';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../authorize.js';
import type { ImportRunDeps } from './ImportRunDeps.js';

/** What the admin API shows of a run (never the upload's path on the server). */
export type ImportRunView = Omit<ImportRun, 'uploadPath'> & { reportReady: boolean };

export function importRunView(run: ImportRun): ImportRunView {
  const { uploadPath: _path, ...rest } = run;
  void _path;
  return { ...rest, reportReady: run.report !== null };
}

/** One run with its progress or report (admins only); NOT_FOUND when there is none. */
export async function getImportRun(deps: Pick<ImportRunDeps, 'store'>, actor: Actor, id: number): Promise<ImportRun> {
  authorize(actor, 'content.import');
  const run = await deps.store.importRuns.findById(id);
  if (!run) throw new AppError('NOT_FOUND', `no import ${id}`);
  return run;
}

/** The latest runs, newest first (admins only). */
export async function listImportRuns(deps: Pick<ImportRunDeps, 'store'>, actor: Actor, limit = 20): Promise<ImportRun[]> {
  authorize(actor, 'content.import');
  return deps.store.importRuns.list({ limit, offset: 0 });
}
