import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../../config/loadConfig.js';
import { AppError } from '../../errors/AppError.js';
import { REPORT_KINDS, type WordpressImportReport } from '../../importers/wordpress/ImportReport.js';
import { importWordpress } from '../../importers/wordpress/importWordpress.js';
import { createUrlSpool } from '../../importers/wordpress/urlSpool.js';
import { createLocalMediaStorage } from '../../media/createLocalMediaStorage.js';
import { createSiteAnalyzer } from '../../search/createSiteAnalyzer.js';
import { siteAnalysisWorkers } from '../../search/siteAnalysisWorkers.js';
import { openStore } from '../../store/openStore.js';
import { mediaRootOf } from '../../media/mediaRootOf.js';
import { tuneHeapForBulkWork } from '../../runtime/bulkHeapFlags.js';

/** Distinct words the import's analyzer remembers (see createAnalyzer's memoLimit). */
export const IMPORT_ANALYZER_MEMO = 50_000;
/** SQLite page cache of the import's connection, in KB (the default is 16,000: decision 032). */
export const IMPORT_SQLITE_CACHE_KB = 4_000;

function batchSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('expected a whole number from 1 to 10000');
  return n;
}

/** A one-line bar redrawn in place; only on a terminal (logs and pipes get the summary alone). */
function progressBar(stream: NodeJS.WriteStream) {
  let last = 0;
  return {
    draw(phase: 'scan' | 'import' | 'index', done: number, total: number | null) {
      const t = performance.now();
      if (t - last < 100 && done !== total) return;
      last = t;
      if (phase === 'index') {
        stream.write('\r\u001b[Kindexing for search…');
        return;
      }
      if (phase === 'scan' || total === null || total === 0) {
        stream.write(`\rchecking the file… ${done} items`);
        return;
      }
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.floor((done / total) * 100)}% ${done}/${total} items`);
    },
    end() {
      stream.write('\r\u001b[K');
    },
  };
}

/** The printed report: one line per kind, then warnings and the first failures. */
export function summaryLines(report: WordpressImportReport): string[] {
  const lines = [
    `${report.dryRun ? 'dry run (nothing written): ' : ''}WXR ${report.wxrVersion ?? '?'} from ${report.source}; permalinks ${report.permalink.applied}${report.permalink.detected ? ' (detected)' : ''}`,
  ];
  for (const kind of REPORT_KINDS) {
    const c = report.counts[kind];
    if (c.created + c.updated + c.skipped + c.failed === 0) continue;
    lines.push(`  ${kind.padEnd(10)} created ${c.created}, updated ${c.updated}, skipped ${c.skipped}, failed ${c.failed}`);
  }
  const posts = report.counts.articles.created + report.counts.articles.updated;
  const phases = [`file checked in ${report.scanSeconds.toFixed(1)} s`, ...(report.indexSeconds > 0 ? [`search index rebuilt in ${report.indexSeconds.toFixed(1)} s`] : [])];
  lines.push(`  ${report.urlCount} old URLs mapped; ${report.seconds.toFixed(1)} s (${report.seconds > 0 ? Math.round(posts / report.seconds) : posts} posts/s; ${phases.join(', ')})`);
  return lines;
}

/** `khabar import wordpress <export.xml>`: under the `import` command (shared with `import jsonl`). */
export function registerImportWordpress(program: Command): void {
  const group =
    program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import content from other systems and corpora');
  group
    .command('wordpress')
    .description(
      'import a WordPress export (WXR): authors, categories → sections, tags, posts → articles with comments, pages, attachments; detects the permalink structure and keeps every old URL working (301s); safe to run again (updates instead of duplicating). Ctrl-C stops it after the current batch, finishing what was written (exit code 130); a second Ctrl-C stops at once',
    )
    .argument('<export.xml>', 'the file from WordPress → Tools → Export')
    .option('--uploads <dir>', "WordPress's wp-content/uploads folder: attachments are copied into the media library (variants made); without it their original URLs stay")
    .option('--dry-run', 'read, map and count everything, write nothing')
    .option('--report <file>', 'write the full report as JSON (counts per kind, failures with reasons, every old URL and where it goes)')
    .option('--batch-size <n>', 'records per transaction (default 500)', batchSize)
    .action(async (file: string, opts: { uploads?: string; dryRun?: boolean; report?: string; batchSize?: number }) => {
      // The import keeps ~50 MB alive but makes garbage fast: V8's default heap growth let RSS
      // reach ~400 MB on 10,000 posts (decisions 024 and 037; issue #7's ≤ 300 MB).
      tuneHeapForBulkWork();
      const config = loadConfig();
      // The end-of-import index rebuild analyses every article with this one analyzer: its word
      // memo kept up to 200,000 words (~64 MB live at 20,000 posts, and growing with the posts
      // until that limit); 50,000 keeps it under ~15 MB for ~12 % more analysis CPU (decision 032).
      const analyzer = createSiteAnalyzer(config, { memoLimit: IMPORT_ANALYZER_MEMO });
      const store = await openStore({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        analyze: (doc) => analyzer.analyzeDocument(doc),
        bulkAnalysis: siteAnalysisWorkers(config),
        sqliteCacheKb: IMPORT_SQLITE_CACHE_KB,
      });
      const bar = process.stderr.isTTY ? progressBar(process.stderr) : null;
      // Ctrl-C: stop after the current batch, then finish what was written (featured images,
      // attachment pages, the search index). A second one stops at once, like kill -9: the batches
      // committed stay, and a re-run completes the import either way.
      const stop = new AbortController();
      const onInterrupt = () => {
        if (stop.signal.aborted) process.exit(130);
        stop.abort();
        bar?.end();
        console.error('khabar: stopping after the current batch (Ctrl-C again to stop at once); run the same command again to complete the import');
      };
      process.on('SIGINT', onInterrupt);
      const now = () => new Date();
      // Every old URL goes to a temporary file as it is mapped, and from there into the report file.
      const spool = opts.report ? createUrlSpool() : null;
      let report: WordpressImportReport;
      try {
        await store.migrate();
        report = await importWordpress(
          { store, site: config.site, now, media: { store, storage: createLocalMediaStorage(mediaRootOf(config)), limits: config.media, now } },
          file,
          {
            ...(opts.uploads ? { uploadsDir: opts.uploads } : {}),
            ...(opts.dryRun ? { dryRun: true } : {}),
            ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
            ...(bar ? { onProgress: bar.draw } : {}),
            ...(spool ? { onUrl: spool.add } : {}),
            signal: stop.signal,
          },
        );
      } catch (error) {
        spool?.discard();
        throw error; // IMPORT_CANCELLED (Ctrl-C while the file was checked) exits with 130 (runCli)
      } finally {
        process.off('SIGINT', onInterrupt);
        bar?.end();
        await store.close();
      }
      if (opts.report && spool) {
        try {
          await spool.writeReport(opts.report, report);
        } catch (error) {
          throw new AppError('INVALID_INPUT', `cannot write the report to ${opts.report}: ${(error as Error).message}`);
        }
      }
      for (const w of report.warnings) console.error(`warning: ${w}`);
      for (const f of report.failures.slice(0, 20)) console.error(`failed: ${f.kind} ${f.wpId ?? '?'}: ${f.reason}`);
      const failed = REPORT_KINDS.reduce((n, k) => n + report.counts[k].failed, 0);
      if (failed > 20) console.error(`… and ${failed - 20} more failures${opts.report ? ` (all in ${opts.report})` : ' (use --report FILE for the list)'}`);
      for (const line of summaryLines(report)) console.log(line);
      if (report.cancelled) {
        console.log('  stopped by Ctrl-C before the end of the file: the counts are what was written; run the same command again to complete it (it updates, never duplicates)');
        process.exitCode = 130;
        return;
      }
      if (failed > 0) throw new AppError('INVALID_INPUT', `${failed} rows were not imported (reasons above); the others were`);
    });
}
