import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, type CliRun } from '../support/runCli.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';

const temp = mkdtempSync(path.join(tmpdir(), 'khabar-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const khabar = (args: string[], env: Record<string, string> = {}, until?: RegExp): Promise<CliRun> =>
  runCli(args, { home: temp, env, ...(until ? { until } : {}) });

describe('the khabar CLI', () => {
  it('has --help on every command', async () => {
    const top = await khabar(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['serve', 'migrate', 'demo']) expect(top.stdout).toContain(command);
    for (const command of ['serve', 'migrate', 'demo']) {
      const help = await khabar([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout).toContain(`Usage: khabar ${command}`);
    }
    expect((await khabar(['serve', '--help'])).stdout).toMatch(/--port[\s\S]*--host[\s\S]*--no-demo[\s\S]*--workers/);
  });

  it('migrates, loads the demo into an empty store once, and refuses a second time', async () => {
    const dataDir = path.join(temp, 'demo');
    const migrate = await khabar(['migrate'], { KHABAR_DATA_DIR: dataDir });
    expect(migrate.stderr).toBe('');
    expect(migrate.code).toBe(0);
    const demo = await khabar(['demo'], { KHABAR_DATA_DIR: dataDir });
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/demo loaded: 32 articles/);
    const again = await khabar(['demo'], { KHABAR_DATA_DIR: dataDir });
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/^khabar: DEMO_NOT_EMPTY: /);
    const store = createSqliteStore({ file: path.join(dataDir, 'khabar.db') });
    try {
      expect(await store.articles.count()).toBe(32);
    } finally {
      await store.close();
    }
  });

  it('stops with one clear line when the store cannot be opened', async () => {
    const notADir = path.join(temp, 'a-file');
    writeFileSync(notADir, 'x');
    const blocked = await khabar(['serve', '--port', '0'], { KHABAR_DATA_DIR: path.join(notADir, 'data') });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr.trim().split('\n')).toHaveLength(1);
    expect(blocked.stderr).toMatch(/^khabar: STORE_UNAVAILABLE: cannot open the SQLite store at /);

    const badPg = await khabar(['serve', '--port', '0'], { DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' });
    expect(badPg.code).toBe(1);
    expect(badPg.stderr.trim().split('\n')).toHaveLength(1);
    expect(badPg.stderr).toMatch(/^khabar: STORE_UNAVAILABLE: cannot connect to PostgreSQL/);
    expect(badPg.stderr).not.toContain('secret');
  });

  it('stops with CONFIG_INVALID naming the field', async () => {
    const bad = await khabar(['serve'], { PORT: 'abc' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^khabar: CONFIG_INVALID: invalid configuration: server\.port/);
    const flag = await khabar(['serve', '--port', '99999']);
    expect(flag.code).not.toBe(0);
    expect(flag.stderr).toMatch(/expected a port number/);
  });

  it('serves the site and stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(temp, 'serve');
    const run = await khabar(['serve', '--port', '0', '--host', '127.0.0.1', '--no-demo'], { KHABAR_DATA_DIR: dataDir }, /Khabar is serving/);
    expect(run.stdout).toMatch(/Khabar is serving http:\/\/localhost:\d+ \(listening on http:\/\/127\.0\.0\.1:\d+, store: sqlite\)/);
    expect(run.code).toBe(0);
  });

  it('serves with several worker processes sharing one port', async () => {
    const port = await freePort();
    const dataDir = path.join(temp, 'workers');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'serve', '--port', String(port), '--host', '127.0.0.1', '--workers', '2'], {
      env: { PATH: process.env.PATH ?? '', HOME: temp, KHABAR_LOG_LEVEL: 'silent', KHABAR_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no ready line: ${out}`)), 60_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (/with 2 workers/.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(res.status).toBe(200);
        const home = await fetch(`http://127.0.0.1:${port}/`);
        expect(home.status).toBe(200);
      }
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
