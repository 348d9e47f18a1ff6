import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { isAppError } from '../../../src/errors/AppError.js';

const cwd = mkdtempSync(path.join(tmpdir(), 'khabar-config-'));

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('loadConfig', () => {
  it('works with nothing set: Moroccan Arabic, Casablanca time, port 3000, ./data', () => {
    const config = loadConfig({ env: {}, cwd });
    expect(config.site.locale).toBe('ar-MA');
    expect(config.site.timeZone).toBe('Africa/Casablanca');
    expect(config.site.permalink).toBe('/%year%/%monthnum%/%postname%/');
    expect(config.server.port).toBe(3000);
    expect(config.dataDir).toBe(path.join(cwd, 'data'));
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.databaseUrl).toBeNull();
    expect(config.site.follow).toEqual({ whatsapp: null, googleNews: null });
    expect(Object.isFrozen(config) && Object.isFrozen(config.site.follow)).toBe(true);
  });

  it('reads the documented environment variables over the config file', () => {
    const file = path.join(cwd, 'custom.json');
    writeFileSync(file, JSON.stringify({ site: { name: 'هسبريس', follow: { whatsapp: 'https://whatsapp.com/channel/x' } }, server: { port: 4000 } }));
    const config = loadConfig({
      cwd,
      env: {
        KHABAR_CONFIG: file,
        PORT: '5000',
        HOST: '127.0.0.1',
        KHABAR_BASE_URL: 'https://news.example.ma/',
        KHABAR_DATA_DIR: '/var/lib/khabar',
        DATABASE_URL: 'postgres://u@db/khabar',
        REDIS_URL: 'redis://127.0.0.1:6379',
        NODE_ENV: 'production',
        KHABAR_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8',
      },
    });
    expect(config.site.name).toBe('هسبريس');
    expect(config.site.follow.whatsapp).toBe('https://whatsapp.com/channel/x');
    expect(config.server).toMatchObject({ port: 5000, host: '127.0.0.1', trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
    expect(loadConfig({ cwd, env: { KHABAR_TRUST_PROXY: 'true' } }).server.trustProxy).toBe(true);
    expect(loadConfig({ cwd, env: {} }).server.trustProxy).toBe(false);
    expect(config.baseUrl).toBe('https://news.example.ma');
    expect(config.dataDir).toBe('/var/lib/khabar');
    expect(config.databaseUrl).toBe('postgres://u@db/khabar');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.env).toBe('production');
  });

  it('stops with CONFIG_INVALID naming the field and the expected form', () => {
    expect(failure(() => loadConfig({ cwd, env: { PORT: 'eighty' } }))).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('server.port') });
    expect(failure(() => loadConfig({ cwd, env: { KHABAR_BASE_URL: 'khabar.ma' } })).message).toMatch(/baseUrl: expected an absolute http\(s\) URL/);
    expect(failure(() => loadConfig({ cwd, env: { DATABASE_URL: 'mysql://x' } })).message).toMatch(/databaseUrl: expected postgres:/);
    expect(failure(() => loadConfig({ cwd, env: {}, overrides: { site: { timeZone: 'Mars/Olympus' } } })).message).toMatch(/site\.timeZone: expected an IANA time zone/);
    expect(failure(() => loadConfig({ cwd, env: {}, overrides: { site: { permalink: '/%year%/' } } })).message).toMatch(/site\.permalink/);
    expect(failure(() => loadConfig({ cwd, env: {}, overrides: { site: { follow: { whatsapp: 'javascript:alert(1)' } } } })).message).toMatch(/site\.follow\.whatsapp/);
  });

  it('refuses an unreadable or non-JSON config file', () => {
    expect(failure(() => loadConfig({ cwd, env: { KHABAR_CONFIG: path.join(cwd, 'missing.json') } })).code).toBe('CONFIG_INVALID');
    const bad = path.join(cwd, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(failure(() => loadConfig({ cwd, env: { KHABAR_CONFIG: bad } })).message).toMatch(/not a JSON object/);
  });

  it('reads SMTP from KHABAR_SMTP_URL and KHABAR_MAIL_FROM; without SMTP, no email', () => {
    expect(loadConfig({ env: {}, cwd }).mail).toMatchObject({ smtpUrl: null, from: null, attempts: 8 });
    const config = loadConfig({ cwd, env: { KHABAR_SMTP_URL: 'smtps://news:p%40ss@mail.khabar.example:465', KHABAR_MAIL_FROM: 'خبر <news@khabar.example>' } });
    expect(config.mail).toMatchObject({ smtpUrl: 'smtps://news:p%40ss@mail.khabar.example:465', from: 'خبر <news@khabar.example>' });
  });

  it('refuses SMTP without a sender, or a malformed URL or sender, never repeating the URL (it holds a password)', () => {
    const noFrom = failure(() => loadConfig({ cwd, env: { KHABAR_SMTP_URL: 'smtp://news:hunter2-secret@mail.khabar.example:587' } }));
    expect(noFrom.code).toBe('CONFIG_INVALID');
    expect(noFrom.message).toMatch(/mail\.from: required when mail\.smtpUrl is set/);
    expect(noFrom.message).not.toContain('hunter2');
    const badUrl = failure(() => loadConfig({ cwd, env: { KHABAR_SMTP_URL: 'https://news:hunter2-secret@mail.khabar.example', KHABAR_MAIL_FROM: 'news@khabar.example' } }));
    expect(badUrl.message).toMatch(/mail\.smtpUrl: expected smtp:\/\/user:pass@host:587/);
    expect(badUrl.message).not.toContain('hunter2');
    const strayPercent = failure(() => loadConfig({ cwd, env: { KHABAR_SMTP_URL: 'smtp://news:100%secret@mail.khabar.example', KHABAR_MAIL_FROM: 'news@khabar.example' } }));
    expect(strayPercent.message).toMatch(/mail\.smtpUrl: .*percent-encoded/);
    expect(strayPercent.message).not.toContain('secret');
    for (const from of ['news', 'news@localhost', 'خبر <news@khabar.example', 'a@b.example\r\nBcc: x@y.example', 'a@@b.example']) {
      expect(failure(() => loadConfig({ cwd, env: {}, overrides: { mail: { smtpUrl: 'smtp://mail.khabar.example', from } } })).message, from).toMatch(/mail\.from: expected an address/);
    }
  });
});
