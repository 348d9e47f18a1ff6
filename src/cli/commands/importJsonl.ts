import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../../config/loadConfig.js';
import { AppError } from '../../errors/AppError.js';
import { importJsonl, type ImportJsonlReport } from '../../operations/importing/importJsonl.js';
import { createSiteAnalyzer } from '../../search/createSiteAnalyzer.js';
import { openStore } from '../../store/openStore.js';

/** The lines of a file, read as a stream (constant memory whatever the file's size). */
export async function* readLines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of reader) yield line;
  } finally {
    reader.close();
    input.destroy();
  }
}

function batchSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('expected a whole number from 1 to 10000');
  return n;
}

function summary(report: ImportJsonlReport, seconds: number): string {
  const rate = seconds > 0 ? Math.round(report.created / seconds) : report.created;
  return (
    `imported ${report.lines} lines: created ${report.created}, skipped ${report.skipped}, failed ${report.failed}; ` +
    `sections +${report.sectionsCreated}, authors +${report.authorsCreated}, tags +${report.tagsCreated}; ` +
    `undated ${report.undated}, uncategorized ${report.uncategorized}; ${seconds.toFixed(1)} s (${rate} articles/s)`
  );
}

/** `khabar import jsonl <file>`: under the `import` command (shared with `import wordpress`). */
export function registerImportJsonl(program: Command): void {
  const group =
    program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import content from other systems and corpora');
  group
    .command('jsonl')
    .description(
      'import published articles from JSON Lines (title, body, category, date, optional author, tags, lede); creates sections, authors and tags as needed, indexes them for search',
    )
    .argument('<file>', 'the .jsonl file')
    .option('--batch-size <n>', 'articles per transaction (default 500)', batchSize)
    .option('--quiet', 'no progress lines')
    .action(async (file: string, opts: { batchSize?: number; quiet?: boolean }) => {
      const config = loadConfig();
      const analyzer = createSiteAnalyzer(config);
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, analyze: (doc) => analyzer.analyzeDocument(doc) });
      const started = performance.now();
      let report: ImportJsonlReport;
      try {
        await store.migrate();
        let lastProgress = started;
        report = await importJsonl({ store, now: () => new Date() }, readLines(file), {
          ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
          onProgress(lines, r) {
            const t = performance.now();
            if (!opts.quiet && t - lastProgress > 5000) {
              lastProgress = t;
              console.log(`… ${lines} lines read, ${r.created} created`);
            }
          },
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('INVALID_INPUT', `no such file: ${file}`);
        throw error;
      } finally {
        await store.close();
      }
      for (const f of report.failures) console.error(`line ${f.line}: ${f.reason}`);
      if (report.failed > report.failures.length) console.error(`… and ${report.failed - report.failures.length} more failed lines`);
      console.log(summary(report, (performance.now() - started) / 1000));
      if (report.failed > 0) {
        throw new AppError('INVALID_INPUT', `${report.failed} of ${report.lines} lines were not imported (listed above with their line numbers); the others were`);
      }
    });
}
