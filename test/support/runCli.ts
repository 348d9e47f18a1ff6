import { spawn, type ChildProcess } from 'node:child_process';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** HOME of the child (a test's temporary folder). */
  home: string;
  env?: Record<string, string>;
  /** Written to standard input, then closed; without it stdin is closed from the start. */
  input?: string;
  /** Stop the child (SIGTERM) once its standard output matches. */
  until?: RegExp;
  /** Killed after this long (default 60 s). */
  timeoutMs?: number;
}

/** Runs the CLI from source, as `npx khabar` would run it compiled, with a clean environment. */
export function runCli(args: string[], options: CliRunOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, options, options.input !== undefined);
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (options.until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

/** A CLI child left running (to be interrupted or killed by the test): its output so far and its exit. */
export interface RunningCli {
  child: ChildProcess;
  /** Standard output and error, interleaved as they came. */
  output(): string;
  /** True once it has exited. */
  finished(): boolean;
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
}

/** Starts the CLI from source like {@link runCli}, without waiting for it. */
export function startCli(args: string[], options: Pick<CliRunOptions, 'home' | 'env'>): RunningCli {
  const child = spawnCli(args, options, false);
  let output = '';
  let done = false;
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      done = true;
      resolve(code);
    }),
  );
  return { child, output: () => output, finished: () => done, exited };
}

/** `node --import tsx src/cli/run.ts …` with a clean environment (HOME, PATH, silent logs, `env`). */
function spawnCli(args: string[], options: Pick<CliRunOptions, 'home' | 'env'>, stdin: boolean): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: options.home, KHABAR_LOG_LEVEL: 'silent', ...options.env },
    stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
}
