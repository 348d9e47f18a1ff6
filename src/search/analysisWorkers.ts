import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors/AppError.js';
import type { AnalyzedDocument, AnalyzerOptions, IndexableDocument } from './analyzer.js';

/** Analysis of many documents off the main thread, opened for one bulk rebuild and closed after it. */
export interface BulkAnalysis {
  /** The analyses of `docs`, in order: identical to the analyzer's `analyzeDocument` on each. */
  analyze(docs: readonly IndexableDocument[]): Promise<AnalyzedDocument[]>;
  /** Batches that may be in flight at once to keep every worker busy (workers + 1). */
  readonly depth: number;
  /** Stops the workers (pending analyses are rejected). */
  close(): Promise<void>;
}

/** Opens a {@link BulkAnalysis}: the store calls it at the start of a rebuild. */
export type OpenBulkAnalysis = () => BulkAnalysis;

/**
 * Worker threads a rebuild uses by default: none. Measured on the 2-core reference machine at
 * 100,000 articles (decision 027), one worker made the rebuild slower (1,628 against 1,846
 * articles/s, +130 µs of CPU per article for copying the texts both ways); re-measure with
 * `bench/reindexProfile.ts --workers N` on a quiet machine with more cores before raising it.
 */
export function defaultAnalysisWorkers(): number {
  return 0;
}

/**
 * Worker threads that run the analyzer for bulk rebuilds (decision 027): the store's main thread
 * reads and writes batch n while the workers analyse batch n + 1. Each worker builds its own
 * analyzer with `options.analyzer`; document analysis is a pure function of the document (its
 * memos never change a result), so the index rows are the same as a serial rebuild's. With 0
 * workers, returns undefined: the store analyses on its own thread.
 */
export function analysisWorkers(options: { workers?: number; analyzer?: AnalyzerOptions } = {}): OpenBulkAnalysis | undefined {
  const count = options.workers ?? defaultAnalysisWorkers();
  if (!Number.isInteger(count) || count < 1) return undefined;
  const analyzer = options.analyzer ?? {};
  return () => openPool(count, analyzer);
}

interface Job {
  resolve(texts: AnalyzedDocument[]): void;
  reject(error: unknown): void;
}

/** The worker's entry: the compiled .js next to this file, or the .ts source through tsx (tests, bench). */
function startWorker(analyzer: AnalyzerOptions): Worker {
  const workerData = { analyzer };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./analysisWorker.js', import.meta.url), { workerData });
  // tsx's ESM API (its CommonJS build cannot register the ESM hooks), found through its exports map.
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
  const tsx = new URL(api, pathToFileURL(manifest)).href;
  const entry = new URL('./analysisWorker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData });
}

function openPool(count: number, analyzer: AnalyzerOptions): BulkAnalysis {
  const workers = Array.from({ length: count }, () => ({ worker: startWorker(analyzer), jobs: new Map<number, Job>(), failure: null as Error | null }));
  let nextId = 0;
  let closed = false;
  const failAll = (slot: (typeof workers)[number], error: Error): void => {
    // A batch posted to a worker that has stopped would never be answered (and a process with
    // nothing else to wait for would end with its promise unsettled): later ones fail at once.
    slot.failure ??= error;
    for (const job of slot.jobs.values()) job.reject(error);
    slot.jobs.clear();
  };
  for (const slot of workers) {
    slot.worker.on('message', (message: { id: number; texts?: AnalyzedDocument[]; error?: string }) => {
      const job = slot.jobs.get(message.id);
      if (!job) return;
      slot.jobs.delete(message.id);
      if (message.texts) job.resolve(message.texts);
      else job.reject(new AppError('INTERNAL', `search analysis failed in a worker: ${message.error ?? 'no result'}`));
    });
    slot.worker.on('error', (error) => failAll(slot, new AppError('INTERNAL', `a search analysis worker failed: ${error.message}`, {}, { cause: error })));
    slot.worker.on('exit', (code) => {
      if (!closed) failAll(slot, new AppError('INTERNAL', `a search analysis worker exited (code ${code})`));
    });
  }
  return {
    depth: count + 1,
    analyze(docs) {
      if (closed) return Promise.reject(new AppError('INTERNAL', 'search analysis workers are closed'));
      // The least busy worker takes the batch.
      const slot = workers.reduce((best, w) => (w.jobs.size < best.jobs.size ? w : best));
      if (slot.failure) return Promise.reject(slot.failure);
      const id = nextId++;
      const plain = docs.map((d) => ({ title: d.title, lede: d.lede, tags: d.tags, body: d.body }));
      return new Promise<AnalyzedDocument[]>((resolve, reject) => {
        slot.jobs.set(id, { resolve, reject });
        slot.worker.postMessage({ id, docs: plain });
      });
    },
    async close() {
      closed = true;
      for (const slot of workers) failAll(slot, new AppError('INTERNAL', 'search analysis workers were closed'));
      await Promise.all(workers.map((slot) => slot.worker.terminate()));
    },
  };
}
