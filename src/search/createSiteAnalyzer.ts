import type { Config } from '../config/schema.js';
import { createAnalyzer, type Analyzer, type AnalyzerOptions } from './analyzer.js';

/**
 * The analyzer of this site: the same one must index and query, so every entry point (server,
 * CLI reindex and import) builds it here from the configuration's extra variant groups.
 */
export function createSiteAnalyzer(config: Pick<Config, 'search'>, tuning: Pick<AnalyzerOptions, 'memoLimit'> = {}): Analyzer {
  return createAnalyzer({ ...tuning, variants: config.search.variants });
}
