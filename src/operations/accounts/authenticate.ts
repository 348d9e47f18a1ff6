import { toAccount, type Account } from '../../domain/user.js';
import { AppError } from '../../errors/AppError.js';
import type { AccountsDeps, RequestOrigin } from './AccountsDeps.js';
import { startSession, type StartedSession } from './startSession.js';
import { hashIp } from '../../domain/comments/commentTokens.js';
import { hashToken } from './tokens.js';

export interface AuthenticateInput extends RequestOrigin {
  email: string;
  password: string;
  /** The session token the browser still carried, if any: it ends (session rotation on login). */
  previousToken?: string | null;
}

export interface Authenticated extends StartedSession {
  user: Account;
}

/**
 * Logs in: checks the password, ends the browser's previous session, opens a new one.
 *
 * Limits (`policy`): every attempt counts against the address (`login:ip:<keyed hash>`); failures count
 * against the email (`login:email:<hash>`), and once `maxFailuresPerEmail` is reached the account
 * is locked until the window ends, even for the right password — RATE_LIMITED with `retryAfterMs`.
 * A wrong email and a wrong password give the same LOGIN_FAILED, in about the same time.
 */
export async function authenticate(deps: AccountsDeps, input: AuthenticateInput): Promise<Authenticated> {
  const { limiter, policy } = deps;
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
  const password = typeof input.password === 'string' ? input.password : '';
  if (!email || !password) throw new AppError('INVALID_INPUT', 'email and password are required', { field: email ? 'password' : 'email' });

  const ipKey = `login:ip:${hashIp(await deps.store.secrets.get('ip-hash'), input.ip ?? 'unknown')}`;
  const byIp = await limiter.hit(ipKey, policy.maxAttemptsPerIp, policy.windowMs);
  if (!byIp.allowed) throw rateLimited('too many login attempts from this address', byIp.retryAfterMs);

  const emailKey = `login:email:${hashToken(email)}`;
  if ((await limiter.peek(emailKey, policy.windowMs)) >= policy.maxFailuresPerEmail) {
    // Counting the refused attempt does not move a fixed window's end; it tells us when it is.
    const locked = await limiter.hit(emailKey, policy.maxFailuresPerEmail, policy.windowMs);
    throw rateLimited('this account is locked after repeated failed logins', locked.retryAfterMs);
  }

  const user = await deps.store.users.findByEmail(email);
  const valid = user?.passwordHash ? await deps.passwords.verify(user.passwordHash, password) : (await deps.passwords.verifyDummy(password), false);
  if (!user || !valid) {
    await limiter.hit(emailKey, policy.maxFailuresPerEmail, policy.windowMs);
    throw new AppError('LOGIN_FAILED', 'wrong email or password');
  }
  await limiter.reset(emailKey);

  if (deps.passwords.needsRehash(user.passwordHash!)) {
    await deps.store.users.setPasswordHash(user.id, await deps.passwords.hash(password));
  }
  if (input.previousToken) {
    const previous = await deps.store.sessions.findByTokenHash(hashToken(input.previousToken));
    if (previous) await deps.store.sessions.delete(previous.id);
  }
  const started = await startSession(deps, user.id, input);
  return { ...started, user: toAccount(user) };
}

function rateLimited(message: string, retryAfterMs: number): AppError {
  return new AppError('RATE_LIMITED', message, { retryAfterMs: Math.max(1000, retryAfterMs) });
}
