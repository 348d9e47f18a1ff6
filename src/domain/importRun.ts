/** States of an import started from the admin: queued (job waiting), running, done, failed, cancelled (by an admin). */
export const importRunStates = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type ImportRunState = (typeof importRunStates)[number];

/** Counts of one kind of row so far. */
export interface ImportKindCounts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

/** What a running import has done: its phase, items read of the total, and counts per kind. */
export interface ImportProgress {
  /** 'scan': the first pass (checks the file, counts items); 'import': writing; 'index': the search rebuild. */
  phase: 'waiting' | 'scan' | 'import' | 'index' | 'finished';
  done: number;
  total: number | null;
  counts: Record<string, ImportKindCounts>;
}

/** An error that ended an import: a stable code (WXR_MALFORMED …), its message and details (line, column). */
export interface ImportRunError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** One import started from the admin. */
export interface ImportRun {
  id: number;
  /** What was imported: 'wordpress' (WXR). */
  sourceKind: string;
  state: ImportRunState;
  /** The uploaded file's name as the browser sent it (display only). */
  fileName: string;
  /** Where the upload was streamed to (under the data folder); the job reads it. */
  uploadPath: string;
  sizeBytes: number;
  dryRun: boolean;
  requestedBy: number | null;
  progress: ImportProgress;
  /** The importer's report without its URL list (null until done). */
  report: Record<string, unknown> | null;
  error: ImportRunError | null;
  createdAt: Date;
  /** Moves with every progress write: the running job's heartbeat. */
  updatedAt: Date;
  finishedAt: Date | null;
  /** When an admin asked it to stop (the job stops at its next batch boundary); null: never asked. */
  cancelRequestedAt: Date | null;
}

/** A run that has ended, one way or another: nothing left to cancel or wait for. */
export function isFinishedImport(run: Pick<ImportRun, 'state'>): boolean {
  return run.state === 'done' || run.state === 'failed' || run.state === 'cancelled';
}

export interface NewImportRun {
  sourceKind: string;
  fileName: string;
  uploadPath: string;
  sizeBytes: number;
  dryRun: boolean;
  requestedBy: number | null;
}

/** What an update may change; absent fields stay. */
export interface ImportRunChanges {
  state?: ImportRunState;
  progress?: ImportProgress;
  report?: Record<string, unknown> | null;
  error?: ImportRunError | null;
  finishedAt?: Date | null;
  cancelRequestedAt?: Date | null;
}

export const waitingProgress = (): ImportProgress => ({ phase: 'waiting', done: 0, total: null, counts: {} });
