import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from './waitFor.js';

export const VARNISHD = '/usr/sbin/varnishd';
export const varnishAvailable = existsSync(VARNISHD);

/** A free TCP port on loopback (bound then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Varnish {
  url: string;
  port: number;
  /** varnishd's -n folder (for varnishstat -n). */
  workDir: string;
  stop(): Promise<void>;
}

/**
 * varnishd in the foreground with the shipped deploy/varnish/khabar.vcl and a backends.vcl for
 * `backends` (loopback ports), in a temporary working folder; the purge secret goes in its
 * environment as in production. Resolves once it answers.
 */
export async function startVarnish(options: { backends: number[]; purgeSecret: string; probe?: boolean }): Promise<Varnish> {
  const dir = mkdtempSync(path.join(tmpdir(), 'khabar-varnish-'));
  copyFileSync(path.resolve('deploy/varnish/khabar.vcl'), path.join(dir, 'khabar.vcl'));
  const backends = options.backends
    .map((port, i) => `backend node_${i} { .host = "127.0.0.1"; .port = "${port}";${options.probe === false ? '' : ' .probe = khabar_ready;'} .connect_timeout = 1s; }`)
    .join('\n');
  const adds = options.backends.map((_, i) => `    khabar_nodes.add_backend(node_${i});`).join('\n');
  writeFileSync(path.join(dir, 'backends.vcl'), `${backends}\n\nsub vcl_init {\n${adds}\n}\n\nacl khabar_purgers {\n    "127.0.0.1";\n}\n`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    VARNISHD,
    ['-F', '-j', 'none', '-n', path.join(dir, 'work'), '-a', `127.0.0.1:${port}`, '-f', path.join(dir, 'khabar.vcl'), '-p', `vcl_path=${dir}:/usr/share/varnish/vcl`, '-s', 'malloc,64m', '-T', 'none'],
    { env: { PATH: process.env.PATH ?? '', KHABAR_PURGE_SECRET: options.purgeSecret }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`varnishd exited: ${output}`);
        try {
          await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
          return true;
        } catch {
          return false;
        }
      },
      30_000,
      'varnishd to answer',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, port, workDir: path.join(dir, 'work'), stop };
}

let probe: { window: number; threshold: number } | undefined;

/** The shipped VCL's probe (read once): a backend is healthy with `threshold` good probes of the last `window`. */
function shippedProbe(): { window: number; threshold: number } {
  if (probe) return probe;
  const vcl = readFileSync(path.resolve('deploy/varnish/khabar.vcl'), 'utf8');
  const setting = (name: string) => Number(new RegExp(`\\.${name}\\s*=\\s*(\\d+);`).exec(vcl)?.[1]);
  const read = { window: setting('window'), threshold: setting('threshold') };
  if (!(read.window > 0 && read.threshold > 0)) throw new Error('deploy/varnish/khabar.vcl: no .window and .threshold in its probe');
  return (probe = read);
}

/**
 * Varnish's view of each backend, from `varnishstat`: `happy` is the bitmap of recent probes
 * (lowest bit the latest), judged by the shipped VCL's window and threshold. Asynchronous: tests
 * poll it while the app nodes it probes serve from the same event loop.
 */
export async function backendHealth(varnish: Varnish): Promise<{ name: string; healthy: boolean; happy: number }[]> {
  const { window, threshold } = shippedProbe();
  const { stdout } = await promisify(execFile)('varnishstat', ['-n', varnish.workDir, '-1', '-f', 'VBE.*.happy'], { encoding: 'utf8' });
  return stdout
    .split('\n')
    .map((line) => /^VBE\.[^.]+\.(\S+)\.happy\s+(\d+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const happy = Number(m[2]);
      let good = 0;
      for (let bit = 0; bit < window; bit++) if (happy & (1 << bit)) good++;
      return { name: m[1]!, healthy: good >= threshold, happy };
    });
}
