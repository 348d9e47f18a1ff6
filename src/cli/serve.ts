import cluster from 'node:cluster';
import type { ResolvedConfig } from '../config/loadConfig.js';
import { buildKhabar, createLogger, FIRST_ADMIN_HINT, loadDemoIfEmpty } from '../main.js';
import { createSiteAnalyzer } from '../search/createSiteAnalyzer.js';
import { siteAnalysisWorkers } from '../search/siteAnalysisWorkers.js';
import { ensureSearchIndex } from '../search/ensureSearchIndex.js';
import { openStore } from '../store/openStore.js';
import { heapFlagsToAdd } from '../runtime/serverHeapFlags.js';

/**
 * `khabar serve`: one process, or with `workers > 1` a primary that migrates (and loads the demo)
 * once, then forks workers sharing the port and replaces any that dies.
 */
export async function serve(config: ResolvedConfig, options: { workers: number }): Promise<void> {
  const logger = createLogger(config);
  if (options.workers > 1 && cluster.isPrimary) {
    const analyzer = createSiteAnalyzer(config);
    const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, analyze: (doc) => analyzer.analyzeDocument(doc), bulkAnalysis: siteAnalysisWorkers(config) });
    try {
      await store.migrate();
      if (config.demo) await loadDemoIfEmpty(store, config, () => new Date());
      if ((await store.users.count()) === 0) logger.warn(FIRST_ADMIN_HINT);
      const indexed = await ensureSearchIndex(store);
      if (indexed > 0) logger.info({ indexed }, 'search index was incomplete: rebuilt from the published articles');
    } finally {
      await store.close();
    }
    let stopping = false;
    let listening = 0;
    cluster.on('listening', () => {
      if (++listening === options.workers) {
        console.log(`Khabar is serving ${config.baseUrl} with ${options.workers} workers (store: ${config.databaseUrl ? 'postgres' : 'sqlite'})`);
      }
    });
    // Workers get the serving heap limits unless the operator set their own (NODE_OPTIONS reaches them too).
    cluster.setupPrimary({ execArgv: [...heapFlagsToAdd([...process.execArgv, process.env.NODE_OPTIONS ?? '']), ...process.execArgv] });
    for (let i = 0; i < options.workers; i++) cluster.fork();
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      logger.warn({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
      cluster.fork();
    });
    const stop = () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    logger.info({ workers: options.workers, url: config.baseUrl }, 'khabar primary started');
    return;
  }

  const khabar = await buildKhabar({ config, logger, migrate: cluster.isPrimary, demo: cluster.isPrimary && config.demo });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await khabar.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await khabar.app.listen({ port: config.server.port, host: config.server.host });
  if (cluster.isPrimary) {
    console.log(`Khabar is serving ${config.baseUrl} (listening on ${address}, store: ${khabar.store.capabilities.dialect})`);
  }
}
