import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors/AppError.js';
import type { AccountsDeps } from './AccountsDeps.js';
import { checkNewPassword } from './validateAccount.js';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  /** The session asking; it stays open while every other session of the user ends. */
  keepSessionId?: number;
}

/**
 * Changes the signed-in user's own password after checking the current one (LOGIN_FAILED when
 * wrong), and ends the user's other sessions: a stolen cookie dies with the old password.
 * Returns how many sessions ended.
 */
export async function changePassword(deps: Pick<AccountsDeps, 'store' | 'passwords'>, actor: Actor, input: ChangePasswordInput): Promise<{ endedSessions: number }> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'only a signed-in user changes a password this way');
  const newPassword = checkNewPassword(input.newPassword, 'newPassword');
  const user = await deps.store.users.findById(actor.userId);
  const current = typeof input.currentPassword === 'string' ? input.currentPassword : '';
  if (!user?.passwordHash || !(await deps.passwords.verify(user.passwordHash, current))) {
    throw new AppError('LOGIN_FAILED', 'the current password is wrong', { field: 'currentPassword' });
  }
  const passwordHash = await deps.passwords.hash(newPassword);
  return deps.store.transaction(async (repos) => {
    await repos.users.setPasswordHash(user.id, passwordHash);
    return { endedSessions: await repos.sessions.deleteForUser(user.id, input.keepSessionId) };
  });
}
