import type { Config } from '../config/schema.js';
import { createAnalyzer, type Analyzer } from './analyzer.js';

/**
 * The analyzer of this site: the same one must index and query, so every entry point (server,
 * CLI reindex and import) builds it here from the configuration's extra variant groups.
 */
export function createSiteAnalyzer(config: Pick<Config, 'search'>): Analyzer {
  return createAnalyzer({ variants: config.search.variants });
}
