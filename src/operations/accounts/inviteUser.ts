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
  const token = newToken();
  const expiresAt = new Date(deps.now().getTime() + deps.policy.invitationTtlMs);
  // The user and the invitation together, or neither: no account left that nobody can enter.
  const user = await deps.store.transaction(async (repos) => {
    const created = await createUser({ store: repos, passwords: deps.passwords }, actor, { ...input, password: null });
    await repos.invitations.create({
      tokenHash: hashToken(token),
      userId: created.id,
      createdBy: actor.kind === 'user' ? actor.userId : null,
      expiresAt,
    });
    return created;
  });
  return { user, token, expiresAt, link: `${deps.baseUrl}/admin/invitation#${token}` };
}
