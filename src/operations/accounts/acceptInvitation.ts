import { toAccount } from '../../domain/user.js';
import { AppError } from '../../errors/AppError.js';
import type { AccountsDeps, RequestOrigin } from './AccountsDeps.js';
import type { Authenticated } from './authenticate.js';
import { startSession } from './startSession.js';
import { hashToken } from './tokens.js';
import { checkNewPassword } from './validateAccount.js';

export interface AcceptInvitationInput extends RequestOrigin {
  token: string;
  password: string;
}

/**
 * Sets the invited user's password and signs them in. The invitation works once: an unknown,
 * used or expired token gives INVITATION_INVALID (the same answer for all three).
 */
export async function acceptInvitation(deps: Pick<AccountsDeps, 'store' | 'passwords' | 'policy' | 'now'>, input: AcceptInvitationInput): Promise<Authenticated> {
  const password = checkNewPassword(input.password);
  const invalid = () => new AppError('INVITATION_INVALID', 'this invitation link is unknown, used or expired');
  const invitation = typeof input.token === 'string' && input.token ? await deps.store.invitations.findByTokenHash(hashToken(input.token)) : null;
  const now = deps.now();
  if (!invitation || invitation.usedAt || now.getTime() >= invitation.expiresAt.getTime()) throw invalid();
  const passwordHash = await deps.passwords.hash(password);
  await deps.store.transaction(async (repos) => {
    if (!(await repos.invitations.markUsed(invitation.id, now))) throw invalid();
    await repos.users.setPasswordHash(invitation.userId, passwordHash);
  });
  const user = await deps.store.users.findById(invitation.userId);
  if (!user) throw invalid();
  const started = await startSession(deps, user.id, input);
  return { ...started, user: toAccount(user) };
}
