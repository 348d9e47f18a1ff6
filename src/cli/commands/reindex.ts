import type { Command } from 'commander';
import { loadConfig } from '../../config/loadConfig.js';
import { createSiteAnalyzer } from '../../search/createSiteAnalyzer.js';
import { siteAnalysisWorkers } from '../../search/siteAnalysisWorkers.js';
import { openStore } from '../../store/openStore.js';
import { tuneHeapForBulkWork } from '../../runtime/bulkHeapFlags.js';

/** `khabar reindex`: rebuilds the search index from the published articles (one transaction). */
export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description('rebuild the search index from the published articles (after changing search variants, or to repair it); readers keep the old index until the new one is complete')
    .action(async () => {
      tuneHeapForBulkWork();
      const config = loadConfig();
      const analyzer = createSiteAnalyzer(config);
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, analyze: (doc) => analyzer.analyzeDocument(doc), bulkAnalysis: siteAnalysisWorkers(config) });
      try {
        await store.migrate();
        const started = performance.now();
        const { indexed } = await store.reindex({ batchSize: 1000 });
        const seconds = (performance.now() - started) / 1000;
        console.log(`reindexed ${indexed} published articles in ${seconds.toFixed(1)} s (${Math.round(indexed / Math.max(seconds, 0.001))} articles/s, ${store.capabilities.dialect})`);
      } finally {
        await store.close();
      }
    });
}
