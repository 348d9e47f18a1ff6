import type { Config } from '../config/schema.js';
import { analysisWorkers, type OpenBulkAnalysis } from './analysisWorkers.js';

/**
 * Worker threads for this site's rebuilds (reindex, imports, the start-up rebuild), analysing
 * with the same options as {@link createSiteAnalyzer} (decision 027). Undefined on one core.
 */
export function siteAnalysisWorkers(config: Pick<Config, 'search'>): OpenBulkAnalysis | undefined {
  return analysisWorkers({ analyzer: { variants: config.search.variants } });
}
