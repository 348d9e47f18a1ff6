import type { Config } from '../config/schema.js';
import { analysisWorkers, type OpenBulkAnalysis } from './analysisWorkers.js';

/**
 * Worker threads for this site's rebuilds (reindex, imports, the start-up rebuild), analysing
 * with the same options as {@link createSiteAnalyzer} (decision 027). Undefined (the rebuild
 * analyses inline) while the default is 0 workers: see defaultAnalysisWorkers.
 */
export function siteAnalysisWorkers(config: Pick<Config, 'search'>): OpenBulkAnalysis | undefined {
  return analysisWorkers({ analyzer: { variants: config.search.variants } });
}
