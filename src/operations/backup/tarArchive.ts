import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AppError } from '../../errors/AppError.js';

const run = promisify(execFile);

/** One `-C dir names…` group of a tar archive. */
export interface TarPart {
  dir: string;
  names: string[];
}

/** Writes a POSIX tar archive with GNU tar (present on every Linux server we document). */
export async function createTar(file: string, parts: readonly TarPart[]): Promise<void> {
  const args = ['--create', '--format=posix', `--file=${file}`];
  for (const part of parts) if (part.names.length > 0) args.push('-C', part.dir, ...part.names);
  await tar(args);
}

export async function extractTar(file: string, intoDir: string): Promise<void> {
  await tar(['--extract', '--no-same-owner', `--file=${file}`, '-C', intoDir]);
}

async function tar(args: string[]): Promise<void> {
  try {
    await run('tar', args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    const reason = failure.code === 'ENOENT' ? 'tar is not installed' : (failure.stderr ?? failure.message).trim().split('\n')[0];
    throw new AppError('BACKUP_FAILED', `tar failed: ${reason}`, { tool: 'tar' }, { cause: error });
  }
}
