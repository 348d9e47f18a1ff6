import type { Actor } from '../../domain/access.js';
import type { Account, Role } from '../../domain/user.js';
import { authorize } from '../authorize.js';
import type { AccountsDeps } from './AccountsDeps.js';
import { createUser } from './createUser.js';
import { hashToken, newToken } from './tokens.js';

export interface InviteUserInput {
  email: string;
  displayName: string;
  role: Role;
}

export interface Invited {
  user: Account;
  /** The one-time link to hand to the new user (no email is sent: SMTP is not configured). */
  link: string;
  /** The secret inside the link; POST /admin/api/invitations/:token accepts it. */
  token: string;
  expiresAt: Date;
}

/**
 * Creates a user without a password and a one-time, expiring invitation. The token rides in the
 * link's fragment (`/admin/invitation#<token>`), which browsers never send to a server, so it stays
 * out of access logs and Referer headers.
 */
export async function inviteUser(deps: Pick<AccountsDeps, 'store' | 'passwords' | 'policy' | 'now' | 'baseUrl'>, actor: Actor, input: InviteUserInput): Promise<Invited> {
  authorize(actor, 'users.manage');
  const user = await createUser(deps, actor, { ...input, password: null });
  const token = newToken();
  const expiresAt = new Date(deps.now().getTime() + deps.policy.invitationTtlMs);
  await deps.store.invitations.create({
    tokenHash: hashToken(token),
    userId: user.id,
    createdBy: actor.kind === 'user' ? actor.userId : null,
    expiresAt,
  });
  return { user, token, expiresAt, link: `${deps.baseUrl}/admin/invitation#${token}` };
}
