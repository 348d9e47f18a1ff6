/**
 * A worker thread of {@link analysisWorkers}: analyses batches of documents with its own
 * analyzer (the same code, the same options) and sends the results back in the same order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer, type AnalyzerOptions, type IndexableDocument } from './analyzer.js';

const analyzer = createAnalyzer((workerData as { analyzer: AnalyzerOptions }).analyzer);

parentPort!.on('message', (job: { id: number; docs: IndexableDocument[] }) => {
  try {
    parentPort!.postMessage({ id: job.id, texts: job.docs.map((doc) => analyzer.analyzeDocument(doc)) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
