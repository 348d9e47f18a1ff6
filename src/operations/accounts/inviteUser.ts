import type { Actor } from '../../domain/access.js';
import type { Account, Role } from '../../domain/user.js';
import { authorize } from '../authorize.js';
import type { AccountsDeps } from './AccountsDeps.js';
import { createUser } from './createUser.js';
import { INVITATION_EMAIL_JOB, type InvitationEmailPayload } from './invitationEmailJob.js';
import { invitationLink } from './invitationLink.js';
import { hashToken, newToken } from './tokens.js';

export interface InviteUserInput {
  email: string;
  displayName: string;
  role: Role;
}

export interface Invited {
  user: Account;
  /** The one-time link to hand to the new user (also in the email, when one is queued). */
  link: string;
  /** The secret inside the link; POST /admin/api/invitations/:token accepts it. */
  token: string;
  expiresAt: Date;
  /** The queued email (`jobId`: its job in the queue), or null when SMTP is not configured and nothing is sent. */
  email: { to: string; jobId: number } | null;
}

/**
 * Creates a user without a password and a one-time, expiring invitation, delivered as a link
 * (`/admin/invitation#<token>`, see invitationLink). With SMTP configured, an email job is queued in
 * the same transaction: the answer never waits for the mail server, and a rolled-back invitation
 * mails nobody.
 */
export async function inviteUser(
  deps: Pick<AccountsDeps, 'store' | 'passwords' | 'policy' | 'now' | 'baseUrl' | 'invitationEmail'>,
  actor: Actor,
  input: InviteUserInput,
): Promise<Invited> {
  authorize(actor, 'users.manage');
  const token = newToken();
  const at = deps.now();
  const expiresAt = new Date(at.getTime() + deps.policy.invitationTtlMs);
  const mail = deps.invitationEmail ?? null;
  // The user and the invitation (and its email) together, or neither: no account left that nobody can enter.
  const { user, email } = await deps.store.transaction(async (repos) => {
    const created = await createUser({ store: repos, passwords: deps.passwords }, actor, { ...input, password: null });
    await repos.invitations.create({
      tokenHash: hashToken(token),
      userId: created.id,
      createdBy: actor.kind === 'user' ? actor.userId : null,
      expiresAt,
    });
    if (!mail) return { user: created, email: null };
    const inviter = actor.kind === 'user' ? await repos.users.findById(actor.userId) : null;
    const payload: InvitationEmailPayload = { to: created.email, name: created.displayName, role: created.role, invitedBy: inviter?.displayName ?? null, token };
    const job = await repos.jobs.enqueue({ kind: INVITATION_EMAIL_JOB, payload, runAt: at, maxAttempts: mail.attempts, backoffMs: mail.backoffMs });
    return { user: created, email: { to: created.email, jobId: job.id } };
  });
  if (email) mail?.wake?.();
  return { user, token, expiresAt, link: invitationLink(deps.baseUrl, token), email };
}
