import { createAnalyzer } from '../../../search/analyzer.js';
import type { AnalyzeDocument } from './syncArticleSearch.js';

let shared: AnalyzeDocument | undefined;

/** The analyzer's `analyzeDocument` with default options, built once per process. */
export function defaultAnalyze(): AnalyzeDocument {
  if (!shared) {
    const analyzer = createAnalyzer();
    shared = (doc) => analyzer.analyzeDocument(doc);
  }
  return shared;
}
