import { userActor, type UserActor } from '../../domain/access.js';
import type { Session } from '../../domain/session.js';
import { toAccount, type Account } from '../../domain/user.js';
import type { AccountsDeps } from './AccountsDeps.js';
import { hashToken } from './tokens.js';

export interface SignedIn {
  actor: UserActor;
  user: Account;
  session: Session;
}

/**
 * Who a session token belongs to, or null when it is unknown or expired. Sliding expiry: a used
 * session lives `sessionIdleMs` more, never beyond `sessionMaxMs` after login; the write happens
 * at most once per `sessionTouchMs`. The role is read from the user on every call, so a role
 * change applies at the next request.
 */
export async function sessionActor(deps: Pick<AccountsDeps, 'store' | 'policy' | 'now'>, token: string): Promise<SignedIn | null> {
  if (!token) return null;
  const session = await deps.store.sessions.findByTokenHash(hashToken(token));
  if (!session) return null;
  const now = deps.now();
  if (now.getTime() >= session.expiresAt.getTime()) {
    await deps.store.sessions.delete(session.id);
    return null;
  }
  const user = await deps.store.users.findById(session.userId);
  if (!user) return null;
  let current = session;
  if (now.getTime() - session.lastSeenAt.getTime() >= deps.policy.sessionTouchMs) {
    const expiresAt = new Date(Math.min(now.getTime() + deps.policy.sessionIdleMs, session.createdAt.getTime() + deps.policy.sessionMaxMs));
    await deps.store.sessions.touch(session.id, now, expiresAt);
    current = { ...session, lastSeenAt: now, expiresAt };
  }
  return { actor: userActor(user.id, user.role), user: toAccount(user), session: current };
}
