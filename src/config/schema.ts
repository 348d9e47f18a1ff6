import { z } from 'zod';
import { isValidPermalinkStructure } from '../domain/permalink.js';
import { httpUrl, imageUrl } from './urlSchemas.js';

const optionalUrl = httpUrl.nullable().default(null);

/** The SMTP server's URL; the message never repeats the value (it holds a password). */
const smtpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      decodeURIComponent(url.username + url.password); // throws on a stray % (URIError)
      return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'expected smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465, with @ : / % in the user or password percent-encoded');

/** A sender: `news@example.ma` or `Name <news@example.ma>`, on one line. */
const mailFrom = z.string().trim().max(320).refine(isMailbox, 'expected an address, e.g. news@example.ma or "خبر <news@example.ma>"');

function isMailbox(value: string): boolean {
  if (value.includes('\r') || value.includes('\n')) return false;
  const open = value.lastIndexOf('<');
  const address = open === -1 ? value : value.endsWith('>') ? value.slice(open + 1, -1) : '';
  const at = address.indexOf('@');
  const domain = address.slice(at + 1);
  return at > 0 && at === address.lastIndexOf('@') && domain.includes('.') && !domain.startsWith('.') && !domain.endsWith('.') && !/[\s<>]/.test(address);
}

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
      /**
       * Which peers may tell the client's address and scheme (X-Forwarded-For/-Proto/-Host):
       * false (none: the socket is the client), true (any: only when nothing but the proxy can
       * reach the app), or a list of addresses, CIDR ranges or proxy-addr names ('loopback',
       * 'linklocal', 'uniquelocal'). Rate limits key on the client address this yields, and HSTS
       * and Secure cookies follow the scheme.
       */
      trustProxy: z.union([z.boolean(), z.array(z.string().trim().min(1)).min(1)]).default(false),
      /** HSTS max-age sent on answers served over TLS (0: no HSTS header). */
      hstsMaxAgeSeconds: z.coerce.number().int().min(0).max(63_072_000).default(31_536_000),
      /** A client must finish sending the request head within this (slow-header clients get 408). */
      headersTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(10_000),
      /** A client must finish sending the whole request, head and body, within this (408): a 20 MB upload over 2 Mbit/s takes 80 s. */
      requestTimeoutMs: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
      /** An idle keep-alive connection is closed after this. */
      keepAliveTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(72_000),
      /** A connection with no traffic either way is closed after this (0: never; uploads to slow readers need a margin). */
      connectionTimeoutMs: z.coerce.number().int().min(0).max(3_600_000).default(120_000),
      /**
       * Requests one keep-alive connection may carry (0: no limit, Node's default). Node answers
       * every request past the limit with 503 rather than closing the socket, so a client or proxy
       * that keeps sending on it sees errors: keep 0 unless a proxy in front needs a bound.
       */
      maxRequestsPerSocket: z.coerce.number().int().min(0).max(1_000_000).default(0),
      /** Largest request head (request line and headers); larger ones get 431. */
      maxHeaderBytes: z.coerce.number().int().min(1024).max(1024 * 1024).default(16 * 1024),
      /** Largest request body outside uploads (forms, JSON); larger ones get 413. Uploads: media.maxUploadBytes. */
      bodyLimitBytes: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
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
      logoUrl: imageUrl.nullable().default(null),
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
      comments: z
        .object({
          /** WordPress's two boxes as one choice: hold every comment, hold only first comments of an address, or publish at once. */
          moderation: z.enum(['hold-all', 'trust-returning', 'open']).default('trust-returning'),
          /** Comments close this many days after publication (null: never). */
          closeAfterDays: z.coerce.number().int().min(1).max(36500).nullable().default(null),
          maxDepth: z.coerce.number().int().min(1).max(10).default(5),
          /** Top-level comments per page of an article's comments. */
          perPage: z.coerce.number().int().min(5).max(500).default(50),
          order: z.enum(['oldest', 'newest']).default('oldest'),
          /** More links than this holds a comment for moderation (WordPress: comment_max_links). */
          maxLinks: z.coerce.number().int().min(0).max(100).default(2),
          /** Words that send a comment to spam, matched on normalized text (harakat, hamza, tatweel, elongation, Arabizi). */
          disallowedWords: z.array(z.string().trim().min(1).max(100)).max(5000).default([]),
          /** Words that hold a comment for moderation, matched the same way. */
          moderationWords: z.array(z.string().trim().min(1).max(100)).max(5000).default([]),
        })
        .prefault({}),
    })
    .prefault({}),
  /** Flood limits (per window) for reader comments; kept in Redis when REDIS_URL is set, in the store otherwise. */
  limits: z
    .object({
      commentsPerIpPerMinute: z.coerce.number().int().min(1).max(10000).default(5),
      commentsPerIpPerHour: z.coerce.number().int().min(1).max(100000).default(30),
      commentsPerEmailPerHour: z.coerce.number().int().min(1).max(100000).default(20),
      /** Seconds a reader needs at least between loading the form and posting it (bots post at once). */
      commentMinFillSeconds: z.coerce.number().int().min(0).max(600).default(3),
    })
    .prefault({}),
  /** Uploads to the media library (docs/decisions/011-media-library.md). */
  media: z
    .object({
      /** Largest upload in bytes (default 20 MB); larger ones get MEDIA_TOO_LARGE (413). */
      maxUploadBytes: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(20 * 1024 * 1024),
      /** Most pixels an image may declare (width × height × frames), checked before decoding. */
      maxPixels: z.coerce.number().int().min(10_000).max(1_000_000_000).default(40_000_000),
      /** AVIF copies of every upload's widths, made after the upload answered. */
      avif: z.boolean().default(true),
    })
    .prefault({}),
  /** Imports started from the admin (docs/decisions/029-import-admin.md). */
  imports: z
    .object({
      /** Largest WordPress export the admin accepts, in bytes (default 1 GB); larger ones get IMPORT_TOO_LARGE (413). */
      maxUploadBytes: z.coerce.number().int().min(1024).max(16 * 1024 * 1024 * 1024).default(1024 * 1024 * 1024),
    })
    .prefault({}),
  /** Requests Khabar makes to other servers (WebSub, oEmbed, CDN purge): see src/net/createOutboundFetch.ts. */
  outbound: z
    .object({
      /** Let them reach loopback, private and link-local addresses (a hub or CDN on the private network). */
      allowPrivate: z.boolean().default(false),
      timeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
      maxBytes: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
      maxRedirects: z.coerce.number().int().min(0).max(10).default(5),
    })
    .prefault({}),
  demo: z.boolean().default(true),
  /** WebSub (https://www.w3.org/TR/websub/): hubs named in every article feed and pinged when feeds change. */
  websub: z
    .object({
      hubs: z.array(httpUrl).max(10).default([]),
    })
    .prefault({}),
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
  /** Email (invitations) through SMTP, only when `smtpUrl` is set (docs/decisions/022-invitation-email.md). */
  mail: z
    .object({
      /** smtp://user:pass@host:587 or smtps://… (env KHABAR_SMTP_URL); null: no email, the admin copies the link. */
      smtpUrl: smtpUrl.nullable().default(null),
      /** The sender (env KHABAR_MAIL_FROM); required when smtpUrl is set. */
      from: mailFrom.nullable().default(null),
      /** Attempts per email before its job is marked failed. */
      attempts: z.coerce.number().int().min(1).max(50).default(8),
      /** First retry delay in ms (doubling, at most 10 min). */
      backoffMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
      /** Connecting, the server's greeting and each silence afterwards are bounded by this (jobs run one after another). */
      timeoutMs: z.coerce.number().int().min(100).max(300_000).default(15_000),
    })
    .superRefine((mail, ctx) => {
      if (mail.smtpUrl && !mail.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'required when mail.smtpUrl is set (env KHABAR_MAIL_FROM)' });
    })
    .prefault({}),
  /** Memoize what pages read from the store until a purge (docs/decisions/005-read-memo.md, 014-page-cache.md). */
  readMemo: z.boolean().default(true),
  /** The page cache of public answers (docs/decisions/014-page-cache.md). */
  pageCache: z
    .object({
      enabled: z.boolean().default(true),
      /** Bytes of rendered pages (with their brotli and gzip copies) held at most; least recently used go first. */
      maxBytes: z.coerce.number().int().min(1024 * 1024).max(64 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
      /** How often a process reads the purge log for other processes' purges (SQLite; PostgreSQL is woken by NOTIFY and polls every second as a fallback). */
      pollMs: z.coerce.number().int().min(10).max(1000).default(100),
    })
    .prefault({}),
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
  /** Prometheus metrics at /metrics (docs/operations.md). */
  metrics: z
    .object({
      /** The bearer token /metrics requires (env KHABAR_METRICS_TOKEN); null: no /metrics and no measuring. */
      token: z.string().trim().min(16, 'expected a token of at least 16 characters').nullable().default(null),
    })
    .prefault({}),
  /** Purges sent to Varnish or a CDN from the job queue (docs/operations.md, deploy/varnish/). */
  cdn: z
    .object({
      /** Where purges go: each endpoint gets `PURGE` with an `xkey-purge` header of surrogate keys. */
      purgeEndpoints: z.array(httpUrl).max(100).default([]),
      /** Sent as `X-Khabar-Purge-Secret` (env KHABAR_PURGE_SECRET); the VCL refuses purges without it. */
      purgeSecret: z.string().trim().min(16, 'expected a secret of at least 16 characters').nullable().default(null),
      /** Attempts per purge before the job is marked failed. */
      purgeAttempts: z.coerce.number().int().min(1).max(50).default(8),
      /** First retry delay in ms (doubling, at most 10 min). */
      purgeBackoffMs: z.coerce.number().int().min(100).max(600_000).default(1000),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
