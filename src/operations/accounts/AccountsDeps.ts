import type { RateLimiter } from '../../ratelimit/RateLimiter.js';
import type { Store } from '../../store/ports.js';
import type { PasswordHasher } from './passwordHasher.js';

/** Lifetimes and limits of accounts, resolved once from the configuration (`accounts`). */
export interface AccountsPolicy {
  /** A session unused this long ends (sliding expiry). */
  sessionIdleMs: number;
  /** A session ends this long after login, however active. */
  sessionMaxMs: number;
  /** Sliding writes at most this often per session (a request does not always write). */
  sessionTouchMs: number;
  invitationTtlMs: number;
  /** Failed logins per email in `windowMs` before the account is locked until the window ends. */
  maxFailuresPerEmail: number;
  /** Login attempts per address in `windowMs`. */
  maxAttemptsPerIp: number;
  windowMs: number;
}

/** Everything account operations may use; each operation declares the few it needs with `Pick`. */
export interface AccountsDeps {
  /** `secrets` gives the key of address hashes (`ip-hash`, shared with comments). */
  store: Pick<Store, 'users' | 'sessions' | 'invitations' | 'transaction' | 'secrets'>;
  passwords: PasswordHasher;
  limiter: RateLimiter;
  policy: AccountsPolicy;
  now: () => Date;
  /** Public base URL: invitation links start with it. */
  baseUrl: string;
  /** Set when SMTP is configured (config.mail): invitations are emailed through the job queue. Absent or null: the admin hands the link over. */
  invitationEmail?: InvitationEmailQueue | null;
}

/** How invitation emails are queued (config.mail). */
export interface InvitationEmailQueue {
  /** Attempts before the job is marked failed, and the first retry delay (doubling). */
  attempts: number;
  backoffMs: number;
  /** Runs the queue now instead of at the next poll. */
  wake?: () => void;
}

/** Where a request came from; both are optional (the CLI has neither). */
export interface RequestOrigin {
  ip?: string | null;
  userAgent?: string | null;
}
