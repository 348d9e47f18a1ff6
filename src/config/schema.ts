import { z } from 'zod';
import { isValidPermalinkStructure } from '../domain/permalink.js';

const httpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an absolute http(s) URL, e.g. https://example.ma');

const optionalUrl = httpUrl.nullable().default(null);

const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone, e.g. Africa/Casablanca');

const locale = z.string().refine((value) => {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([value]).length === 1;
  } catch {
    return false;
  }
}, 'expected a BCP 47 locale supported by Intl, e.g. ar-MA');

/** The whole configuration. Defaults make `npm start` work with nothing set. */
export const configSchema = z.object({
  env: z.enum(['development', 'production', 'test']).default('development'),
  server: z
    .object({
      port: z.coerce.number().int().min(0).max(65535).default(3000),
      host: z.string().min(1).default('0.0.0.0'),
    })
    .prefault({}),
  baseUrl: httpUrl.nullable().default(null),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'expected postgres://user@host:port/database')
    .nullable()
    .default(null),
  site: z
    .object({
      name: z.string().trim().min(1).max(120).default('خبر'),
      tagline: z.string().trim().max(240).default(''),
      locale: locale.default('ar-MA'),
      timeZone: timeZone.default('Africa/Casablanca'),
      permalink: z
        .string()
        .refine(isValidPermalinkStructure, 'expected a WordPress permalink structure such as /%year%/%monthnum%/%postname%/ or /%post_id%.html (it must contain %postname% or %post_id%)')
        .default('/%year%/%monthnum%/%postname%/'),
      logoUrl: z.string().nullable().default(null),
      perPage: z.coerce.number().int().min(1).max(100).default(12),
      follow: z
        .object({ whatsapp: optionalUrl, googleNews: optionalUrl })
        .prefault({}),
      social: z
        .object({
          facebook: optionalUrl,
          x: optionalUrl,
          instagram: optionalUrl,
          youtube: optionalUrl,
          telegram: optionalUrl,
          tiktok: optionalUrl,
        })
        .prefault({}),
    })
    .prefault({}),
  demo: z.boolean().default(true),
  /** Sessions, invitations and login limits (docs/decisions/008-accounts-and-sessions.md). */
  accounts: z
    .object({
      sessionIdleHours: z.coerce.number().positive().max(24 * 90).default(24 * 7),
      sessionMaxDays: z.coerce.number().positive().max(365).default(30),
      invitationHours: z.coerce.number().positive().max(24 * 30).default(72),
      /** `Secure` on the session cookie always (true), or only for requests that came over TLS (false). */
      secureCookies: z.boolean().default(false),
      login: z
        .object({
          maxFailuresPerEmail: z.coerce.number().int().min(1).max(1000).default(5),
          maxAttemptsPerIp: z.coerce.number().int().min(1).max(100_000).default(30),
          windowMinutes: z.coerce.number().positive().max(24 * 60).default(15),
        })
        .prefault({}),
    })
    .prefault({}),
  /** Memoize what pages read from the store per content version (docs/decisions/005-read-memo.md). */
  readMemo: z.boolean().default(true),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
