import { rm } from 'node:fs/promises';
import { isFinishedImport, type ImportProgress, type ImportRunError } from '../../domain/importRun.js';
import { isAppError } from '../../errors/AppError.js';
import type { WordpressImportReport } from '../../importers/wordpress/ImportReport.js';
import { importWordpress } from '../../importers/wordpress/importWordpress.js';
import { createUrlSpool } from '../../importers/wordpress/urlSpool.js';
import type { JobHandler } from '../../jobs/JobHandler.js';
import { reportFileOf, type ImportRunDeps } from './ImportRunDeps.js';

export interface ImportRunnerOptions {
  /** How often the running job writes its progress (and so its heartbeat) at most; default 500 ms. */
  progressEveryMs?: number;
  /** Heartbeat period while nothing progresses (the search rebuild); default 10 s. */
  heartbeatMs?: number;
  /** A run whose heartbeat is younger than this is taken as running elsewhere; default 45 s. */
  staleMs?: number;
  /** A progress write that failed (the import goes on). */
  onError?: (error: unknown) => void;
}

export interface ImportRunner {
  /** The job handler of WORDPRESS_IMPORT_JOB. */
  handler: JobHandler;
  /** The progress of a run this process is running now (fresher than the store's, throttled copy). */
  live(runId: number): ImportProgress | undefined;
}

/** How many of the old URLs the stored report keeps for the screen; the file has them all. */
const URLS_SHOWN = 50;

/**
 * Runs admin imports as durable jobs with the importer of `khabar import wordpress`: progress
 * (phase, items, counts per kind) is written to the run as it goes, the report at the end (every
 * old URL in a file next to the upload), a malformed file ends the run with its code, line and
 * column. The store is left as it was by a malformed file (the importer's first pass), and a run
 * interrupted by a crash is run again by the queue once its lock expires (imports are re-runnable).
 *
 * @example const runner = createWordpressImportRunner(deps); createJobWorker({ …, handlers: { [WORDPRESS_IMPORT_JOB]: runner.handler } });
 */
export function createWordpressImportRunner(deps: ImportRunDeps, options: ImportRunnerOptions = {}): ImportRunner {
  const progressEveryMs = options.progressEveryMs ?? 500;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const staleMs = options.staleMs ?? 45_000;
  const onError = options.onError ?? (() => {});
  const live = new Map<number, ImportProgress>();

  const handler: JobHandler = async (job) => {
    const runId = Number((job.payload as { runId?: unknown } | null)?.runId);
    const run = Number.isInteger(runId) ? await deps.store.importRuns.findById(runId) : null;
    if (!run || isFinishedImport(run)) return;
    if (run.state === 'running' && !live.has(runId) && deps.now().getTime() - run.updatedAt.getTime() < staleMs) {
      // Its job's lock expired while another worker still runs it: try again later.
      throw new Error(`import ${runId} is running on another worker (heartbeat ${run.updatedAt.toISOString()})`);
    }
    let progress: ImportProgress = { phase: 'scan', done: 0, total: null, counts: {} };
    live.set(runId, progress);
    await deps.store.importRuns.update(runId, { state: 'running', progress, error: null });

    // An admin's Cancel (cancelImportRun, on any node) is read with each progress write.
    const cancel = new AbortController();
    const checkCancel = async () => {
      if ((await deps.store.importRuns.findById(runId))?.cancelRequestedAt) cancel.abort();
    };
    let writing: Promise<void> | null = null;
    let lastWrite = 0;
    const write = () => {
      if (writing) return;
      lastWrite = Date.now();
      writing = deps.store.importRuns
        .update(runId, { progress })
        .then(checkCancel)
        .then(() => undefined, onError)
        .finally(() => {
          writing = null;
        });
    };
    const heartbeat = setInterval(write, heartbeatMs);
    heartbeat.unref?.();
    const spool = createUrlSpool(deps.importsDir);
    const finish = async (changes: Parameters<typeof deps.store.importRuns.update>[1]) => {
      clearInterval(heartbeat);
      await writing;
      // The upload goes first: whoever sees the run finished finds no file left behind.
      await rm(run.uploadPath, { force: true });
      await deps.store.importRuns.update(runId, { ...changes, finishedAt: deps.now() });
      live.delete(runId);
    };
    try {
      const report = await importWordpress({ store: deps.store, site: deps.site, now: deps.now, ...(deps.media ? { media: deps.media } : {}) }, run.uploadPath, {
        ...(run.dryRun ? { dryRun: true } : {}),
        signal: cancel.signal,
        onUrl: spool.add,
        onProgress(phase, done, total, counts) {
          progress = { phase, done, total, counts: structuredClone(counts) as ImportProgress['counts'] };
          live.set(runId, progress);
          if (Date.now() - lastWrite >= progressEveryMs) write();
        },
      });
      await spool.writeReport(reportFileOf(deps.importsDir, runId), { ...report, file: run.fileName });
      const done = report.cancelled ? progress.done : report.read.items;
      await finish({ state: report.cancelled ? 'cancelled' : 'done', progress: { phase: 'finished', done, total: report.read.items, counts: report.counts }, report: storedReport(report, run.fileName) });
    } catch (error) {
      spool.discard();
      const failure: ImportRunError = isAppError(error)
        ? { code: error.code, message: error.message, details: error.details }
        : { code: 'INTERNAL', message: error instanceof Error ? error.message.split('\n')[0]!.slice(0, 500) : String(error) };
      if (!isAppError(error)) onError(error);
      // Not retried: a malformed file stays malformed, and the admin sees the error and can upload again.
      // Cancelled while the file was checked: nothing was written, the run says so.
      await finish({ state: failure.code === 'IMPORT_CANCELLED' ? 'cancelled' : 'failed', progress: { ...progress, phase: 'finished' }, error: failure });
    } finally {
      clearInterval(heartbeat);
      live.delete(runId);
    }
  };
  return { handler, live: (runId) => live.get(runId) };
}

/** The report as stored with the run: the first old URLs only (the file has every one), no server path. */
function storedReport(report: WordpressImportReport, fileName: string): Record<string, unknown> {
  return { ...report, file: fileName, urls: report.urls.slice(0, URLS_SHOWN), failures: report.failures.slice(0, 1000), skips: report.skips.slice(0, 1000), notes: report.notes.slice(0, 1000) };
}
