import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { runCli, type CliRun } from '../support/runCli.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { buildKhabar, FIRST_ADMIN_HINT } from '../../src/main.js';
import { createArgon2PasswordHasher } from '../../src/operations/accounts/passwordHasher.js';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';

const temp = mkdtempSync(path.join(tmpdir(), 'khabar-user-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const khabar = (args: string[], env: Record<string, string>, input?: string): Promise<CliRun> =>
  runCli(args, { home: temp, env, ...(input !== undefined ? { input } : {}) });

const ARABIC_PASSWORD = 'هذه كلمة سر عربية طويلة للمديرة';

describe('khabar user create', () => {
  const dataDir = path.join(temp, 'site');
  const env = { KHABAR_DATA_DIR: dataDir };

  it('has --help naming its options', async () => {
    const help = await khabar(['user', 'create', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: khabar user create');
    expect(help.stdout).toMatch(/--email[\s\S]*--name[\s\S]*--role[\s\S]*--password-stdin/);
  });

  it('creates the first admin with a password from stdin, hashed with argon2id', async () => {
    const run = await khabar(['user', 'create', '--email', 'Salma@Khabar.example', '--name', 'سلمى بناني', '--role', 'admin', '--password-stdin'], env, `${ARABIC_PASSWORD}\n`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^user created: #\d+ salma@khabar\.example \(admin\)\n$/);
    const store = createSqliteStore({ file: path.join(dataDir, 'khabar.db') });
    try {
      const user = await store.users.findByEmail('salma@khabar.example');
      expect(user).toMatchObject({ displayName: 'سلمى بناني', role: 'admin' });
      expect(user!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=3,p=1\$/);
      const passwords = createArgon2PasswordHasher();
      // The trailing newline was dropped, nothing else.
      expect(await passwords.verify(user!.passwordHash!, ARABIC_PASSWORD)).toBe(true);
      expect(await passwords.verify(user!.passwordHash!, `${ARABIC_PASSWORD}\n`)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('refuses a taken email, a short password and an unknown role with one line and a code', async () => {
    const refusals: Array<[string[], string, RegExp]> = [
      [['--email', 'salma@khabar.example', '--name', 'x', '--role', 'editor'], 'كلمة-سر-طويلة-جدا', /^khabar: EMAIL_TAKEN: /],
      [['--email', 'new@khabar.example', '--name', 'x', '--role', 'editor'], 'قصيرة', /^khabar: INVALID_INPUT: the password must have at least 10 characters/],
      [['--email', 'new@khabar.example', '--name', 'x', '--role', 'owner'], 'كلمة-سر-طويلة-جدا', /^khabar: INVALID_INPUT: the role must be one of/],
    ];
    for (const [args, password, expected] of refusals) {
      const run = await khabar(['user', 'create', ...args, '--password-stdin'], env, password);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(expected);
    }
    const noTerminal = await khabar(['user', 'create', '--email', 'new@khabar.example', '--name', 'x', '--role', 'editor'], env);
    expect(noTerminal.code).toBe(1);
    expect(noTerminal.stderr).toMatch(/^khabar: INVALID_INPUT: no terminal to ask for the password: pipe it in with --password-stdin\n$/);
    const store = createSqliteStore({ file: path.join(dataDir, 'khabar.db') });
    try {
      expect(await store.users.count()).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('start-up without any user', () => {
  it('logs one line telling how to create the first admin, and stops once a user exists', async () => {
    const dataDir = mkdtempSync(path.join(temp, 'empty-'));
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(...chunk.toString().trim().split('\n'));
          done();
        },
      }),
    );
    const config = loadConfig({ env: {}, overrides: { env: 'test', dataDir, logLevel: 'info' } });
    const hints = () => lines.filter((line) => (JSON.parse(line) as { msg: string }).msg === FIRST_ADMIN_HINT);

    const first = await buildKhabar({ config, logger, demo: false });
    await first.close();
    expect(hints()).toHaveLength(1);
    expect(FIRST_ADMIN_HINT).toContain('khabar user create --email');
    expect(FIRST_ADMIN_HINT).toContain('--role admin');

    const store = createSqliteStore({ file: path.join(dataDir, 'khabar.db') });
    await store.users.create({ email: 'a@khabar.example', displayName: 'أ', role: 'admin' });
    await store.close();
    const second = await buildKhabar({ config, logger, demo: false });
    await second.close();
    expect(hints()).toHaveLength(1);
  });
});
