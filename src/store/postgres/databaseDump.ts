import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AppError } from '../../errors/AppError.js';

const run = promisify(execFile);

/** The file name of the database inside a backup of a PostgreSQL store (pg_dump's custom format). */
export const DUMP_FILE = 'database.pgdump';

/**
 * `pg_dump --format=custom` of the whole database: one consistent snapshot (a repeatable-read
 * transaction) taken while the nodes keep serving. pg_dump must be at least the server's version.
 */
export async function dumpDatabase(source: { url: string }, outFile: string): Promise<void> {
  await tool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${outFile}`, `--dbname=${source.url}`]);
}

/**
 * `pg_restore --clean --if-exists --single-transaction`: the dumped objects replace those of the
 * same name, all or nothing.
 */
export async function loadDatabase(target: { url: string }, dumpFile: string): Promise<void> {
  await tool('pg_restore', ['--clean', '--if-exists', '--single-transaction', '--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.url}`, dumpFile]);
}

async function tool(name: string, args: string[]): Promise<void> {
  try {
    await run(name, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    const reason = failure.code === 'ENOENT' ? `${name} is not installed (Debian: apt-get install postgresql-client)` : (failure.stderr ?? failure.message).trim().split('\n')[0];
    throw new AppError('BACKUP_FAILED', `${name} failed: ${reason}`, { tool: name }, { cause: error });
  }
}
