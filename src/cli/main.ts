import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config/loadConfig.js';
import { isAppError } from '../errors/AppError.js';
import type { ErrorCode } from '../errors/codes.js';
import { openStore } from '../store/openStore.js';
import { registerCommentsCommand } from './commands/comments.js';
import { registerUserCommand } from './commands/user.js';
import { registerImportJsonl } from './commands/importJsonl.js';
import { registerImportWordpress } from './commands/importWordpress.js';
import { registerReindex } from './commands/reindex.js';
import { registerBackupCommands } from './commands/backup.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64');
  return n;
}

/** The `khabar` command line: thin callers of the same operations the server uses. */
export function buildCli(): Command {
  const program = new Command('khabar')
    .description('Khabar (خبر): an Arabic-first news publishing platform')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('serve')
    .description('serve the site (SQLite in KHABAR_DATA_DIR, or PostgreSQL with DATABASE_URL); migrates, and loads the demo site into an empty store')
    .option('--port <port>', 'port to listen on (env PORT, default 3000)', port)
    .option('--host <host>', 'address to bind (env HOST, default 0.0.0.0)')
    .option('--no-demo', 'do not load the demo site into an empty store')
    .option('--workers <n>', 'number of worker processes on this host (default 1)', positiveInt)
    .action(async (opts: { port?: number; host?: string; demo: boolean; workers?: number }) => {
      const config = loadConfig({
        overrides: { server: { ...(opts.port !== undefined ? { port: opts.port } : {}), ...(opts.host ? { host: opts.host } : {}) }, demo: opts.demo },
      });
      // The server's modules (the HTTP app, its views, the demo) load with the command that needs
      // them: `khabar import` and the other commands start without them (~20 MB less RSS).
      const { serve } = await import('./serve.js');
      await serve(config, { workers: opts.workers ?? 1 });
    });

  program
    .command('migrate')
    .description('apply pending database migrations (safe to run again)')
    .action(async () => {
      const config = loadConfig();
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await store.migrate();
        await store.checkReady();
        console.log(`migrations applied (${store.capabilities.dialect})`);
      } finally {
        await store.close();
      }
    });

  program
    .command('demo')
    .description('fill an empty store with the demo site the Khabar team wrote (refuses a store with content)')
    .action(async () => {
      const config = loadConfig();
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await store.migrate();
        const { loadDemoIfEmpty } = await import('../main.js');
        const report = await loadDemoIfEmpty(store, config, () => new Date());
        if (!report) {
          const { AppError } = await import('../errors/AppError.js');
          throw new AppError('DEMO_NOT_EMPTY', 'the store already has content; demo content is only loaded into an empty store');
        }
        console.log(
          `demo loaded: ${report.articles} articles, ${report.sections} sections, ${report.tags} tags, ${report.authors} authors, ${report.pages} pages, ${report.images} images`,
        );
      } finally {
        await store.close();
      }
    });

  registerUserCommand(program);
  registerCommentsCommand(program);
  registerImportJsonl(program);
  registerImportWordpress(program);
  registerReindex(program);
  registerBackupCommands(program);
  return program;
}

/** Exit codes other than 1 for failures: an import stopped by Ctrl-C exits as interrupted programs do. */
const EXIT_CODES: Partial<Record<ErrorCode, number>> = { IMPORT_CANCELLED: 130 };

/** Runs the CLI; any failure prints one line and exits non-zero. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (isAppError(error)) console.error(`khabar: ${error.code}: ${error.message}`);
    else console.error(`khabar: ${(error as Error).message ?? String(error)}`);
    process.exitCode = (isAppError(error) && EXIT_CODES[error.code]) || 1;
  }
}
