import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A `khabar serve` process started from the compiled `dist/`, as an operator runs it. */
export interface ServedNode {
  /** `http://127.0.0.1:<port>` */
  url: string;
  child: ChildProcess;
  /** SIGKILL, then waits for the process to be gone. */
  kill9(): Promise<void>;
  /** SIGTERM (a clean stop), then waits. */
  stop(): Promise<void>;
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Runs `node dist/cli/run.js serve --port <port>` with a clean environment plus `env`, and resolves
 * once it prints its "Khabar is serving" line (fails if it exits first or after `timeoutMs`).
 */
export function startServedNode(options: { port: number; home: string; env: Record<string, string>; args?: string[]; timeoutMs?: number }): Promise<ServedNode> {
  const child = spawn(process.execPath, ['dist/cli/run.js', 'serve', '--port', String(options.port), '--host', '127.0.0.1', ...(options.args ?? [])], {
    env: { PATH: process.env.PATH ?? '', HOME: options.home, KHABAR_LOG_LEVEL: 'silent', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const node: ServedNode = {
    url: `http://127.0.0.1:${options.port}`,
    child,
    async kill9() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!gone()) child.kill('SIGTERM');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`khabar serve printed no ready line in ${options.timeoutMs ?? 30_000} ms: ${out.slice(-2000)}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/Khabar is serving/.test(out)) {
        clearTimeout(timer);
        resolve(node);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`khabar serve exited before it was ready: ${out.slice(-2000)}`));
    });
  });
}
