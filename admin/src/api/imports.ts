import { api } from './client.js';

/** Counts of one kind of row. */
export interface KindCounts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

export interface ImportIssue {
  kind: string;
  wpId: string | null;
  reason: string;
}

/** The importer's report as the run stores it (its first old URLs only; the download has all). */
export interface ImportReport {
  dryRun: boolean;
  wxrVersion: string | null;
  source: string;
  permalink: { detected: string | null; applied: string };
  counts: Record<string, KindCounts>;
  failures: ImportIssue[];
  skips: ImportIssue[];
  notes: ImportIssue[];
  warnings: string[];
  urls: { from: string; to: string | null; status: number }[];
  urlCount: number;
  /** Stopped by its Cancel (or Ctrl-C in the CLI): the counts say what was written before it stopped. */
  cancelled?: boolean;
  seconds: number;
}

/** An import started from the admin (GET /imports/:id). */
export interface ImportRun {
  id: number;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  fileName: string;
  sizeBytes: number;
  dryRun: boolean;
  progress: { phase: 'waiting' | 'scan' | 'import' | 'index' | 'finished'; done: number; total: number | null; counts: Record<string, KindCounts> };
  report: ImportReport | null;
  error: { code: string; message: string; details?: { line?: number; column?: number } } | null;
  createdAt: string;
  finishedAt: string | null;
  /** When an admin asked it to stop (it stops at its next batch); null: never. */
  cancelRequestedAt: string | null;
}

/** POST /imports/wordpress (multipart `file`, `dryRun`): the file is streamed to the server and imported by a job. */
export async function startImport(file: File, dryRun: boolean): Promise<ImportRun> {
  const form = new FormData();
  form.append('dryRun', dryRun ? 'true' : 'false');
  form.append('file', file);
  return (await api<{ run: ImportRun }>('POST', '/imports/wordpress', form)).run;
}

export async function getImport(id: number): Promise<ImportRun> {
  return (await api<{ run: ImportRun }>('GET', `/imports/${id}`)).run;
}

/** POST /imports/:id/cancel: a queued run ends at once, a running one stops at its next batch. */
export async function cancelImport(id: number): Promise<ImportRun> {
  return (await api<{ run: ImportRun }>('POST', `/imports/${id}/cancel`)).run;
}

export async function listImports(): Promise<ImportRun[]> {
  return (await api<{ runs: ImportRun[] }>('GET', '/imports')).runs;
}

/** Where the full report (every old URL → new URL) downloads as JSON. */
export const reportUrl = (id: number): string => `/admin/api/imports/${id}/report.json`;
