import type { Session } from '../../domain/session.js';
import type { AccountsDeps, RequestOrigin } from './AccountsDeps.js';
import { hashIp } from '../../domain/comments/commentTokens.js';
import { hashToken, newToken } from './tokens.js';

export interface StartedSession {
  /** The secret for the cookie; only its hash is stored. */
  token: string;
  session: Session;
}

/**
 * Opens a session for `userId`; the caller has proven who the user is. Expired sessions of
 * everyone are swept here (an indexed delete), so the table does not grow without a job.
 */
export async function startSession(
  deps: Pick<AccountsDeps, 'store' | 'policy' | 'now'>,
  userId: number,
  origin: RequestOrigin,
): Promise<StartedSession> {
  const token = newToken();
  const createdAt = deps.now();
  await deps.store.sessions.deleteExpired(createdAt);
  const expiresAt = new Date(createdAt.getTime() + Math.min(deps.policy.sessionIdleMs, deps.policy.sessionMaxMs));
  const session = await deps.store.sessions.create({
    tokenHash: hashToken(token),
    userId,
    createdAt,
    expiresAt,
    ipHash: origin.ip ? hashIp(await deps.store.secrets.get('ip-hash'), origin.ip) : null,
    userAgent: origin.userAgent ?? null,
  });
  return { token, session };
}
