import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors/AppError.js';
import { configSchema, type Config, type ConfigInput } from './schema.js';

/** The configuration after start-up: validated, defaults resolved, frozen. */
export type ResolvedConfig = Readonly<Omit<Config, 'baseUrl'> & { baseUrl: string; redisUrl: string | null }>;

export interface LoadConfigOptions {
  /** Environment variables; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Values that win over everything (CLI flags, tests). */
  overrides?: ConfigInput;
  /** Working directory for relative paths; defaults to process.cwd(). */
  cwd?: string;
}

/**
 * Builds the one Config: defaults ← `khabar.config.json` (KHABAR_CONFIG, or ./khabar.config.json
 * when present) ← environment variables ← overrides. Throws CONFIG_INVALID naming the field.
 *
 * @example const config = loadConfig({ overrides: { server: { port: 0 } } })
 */
export function loadConfig(options: LoadConfigOptions = {}): ResolvedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const fromFile = readConfigFile(env.KHABAR_CONFIG, cwd);
  const fromEnv = configFromEnv(env);
  const merged = deepMerge(deepMerge(fromFile, fromEnv), (options.overrides ?? {}) as Record<string, unknown>);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    throw new AppError('CONFIG_INVALID', `invalid configuration: ${field}: ${issue.message}`, { field });
  }
  const config = parsed.data;
  const baseUrl = (config.baseUrl ?? `http://localhost:${config.server.port || 3000}`).replace(/\/+$/, '');
  return deepFreeze({
    ...config,
    baseUrl,
    dataDir: path.resolve(cwd, config.dataDir),
    redisUrl: env.REDIS_URL?.trim() || null,
  });
}

function readConfigFile(explicitPath: string | undefined, cwd: string): Record<string, unknown> {
  const file = explicitPath ? path.resolve(cwd, explicitPath) : path.join(cwd, 'khabar.config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!explicitPath && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new AppError('CONFIG_INVALID', `cannot read the configuration file ${file}: ${(error as Error).message}`, { field: 'KHABAR_CONFIG' });
  }
  try {
    const value: unknown = JSON.parse(text);
    return z.record(z.string(), z.unknown()).parse(value);
  } catch {
    throw new AppError('CONFIG_INVALID', `the configuration file ${file} is not a JSON object`, { field: 'KHABAR_CONFIG' });
  }
}

function configFromEnv(env: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const server: Record<string, unknown> = {};
  if (env.PORT?.trim()) server.port = env.PORT.trim();
  if (env.HOST?.trim()) server.host = env.HOST.trim();
  const trustProxy = env.KHABAR_TRUST_PROXY?.trim();
  if (trustProxy) server.trustProxy = trustProxyFromEnv(trustProxy);
  if (Object.keys(server).length) out.server = server;
  if (env.KHABAR_BASE_URL?.trim()) out.baseUrl = env.KHABAR_BASE_URL.trim();
  if (env.KHABAR_DATA_DIR?.trim()) out.dataDir = env.KHABAR_DATA_DIR.trim();
  if (env.DATABASE_URL?.trim()) out.databaseUrl = env.DATABASE_URL.trim();
  if (env.NODE_ENV?.trim()) out.env = env.NODE_ENV.trim();
  if (env.KHABAR_LOG_LEVEL?.trim()) out.logLevel = env.KHABAR_LOG_LEVEL.trim();
  if (env.KHABAR_METRICS_TOKEN?.trim()) out.metrics = { token: env.KHABAR_METRICS_TOKEN.trim() };
  if (env.KHABAR_PURGE_SECRET?.trim()) out.cdn = { purgeSecret: env.KHABAR_PURGE_SECRET.trim() };
  const mail: Record<string, unknown> = {};
  if (env.KHABAR_SMTP_URL?.trim()) mail.smtpUrl = env.KHABAR_SMTP_URL.trim();
  if (env.KHABAR_MAIL_FROM?.trim()) mail.from = env.KHABAR_MAIL_FROM.trim();
  if (Object.keys(mail).length) out.mail = mail;
  return out;
}

/** `KHABAR_TRUST_PROXY`: `true`, `false`, or a comma-separated list (`127.0.0.1,10.0.0.0/8`, `loopback`). */
function trustProxyFromEnv(value: string): boolean | string[] {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (isPlainObject(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
