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
  /** Memoize what pages read from the store per content version (docs/decisions/005-read-memo.md). */
  readMemo: z.boolean().default(true),
  /** Site search (docs/decisions/007-search-index.md). */
  search: z
    .object({
      /** Blend of relevance and recency: 0 ranks by relevance only, 1 by date only. */
      recencyWeight: z.coerce.number().min(0).max(1).default(0.3),
      /** Age in days at which an article's recency is one half. */
      recencyHalfLifeDays: z.coerce.number().positive().max(36_500).default(30),
      perPage: z.coerce.number().int().min(1).max(50).default(10),
      /** Broad queries rank only their newest this-many matches (the count stays exact); see decision 007. */
      rankedCandidates: z.coerce.number().int().min(100).max(1_000_000).default(1000),
      /** Searches per client IP per minute (page and JSON together). */
      rateLimitPerMinute: z.coerce.number().int().min(1).max(100_000).default(60),
      /** Extra spelling/plural variant groups for the analyzer, e.g. [["مغربي","مغاربة"]] (reindex after a change). */
      variants: z.array(z.array(z.string().min(1)).min(2)).default([]),
    })
    .prefault({}),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
