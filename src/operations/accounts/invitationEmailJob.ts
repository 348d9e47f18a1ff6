import type { JobHandler } from '../../jobs/JobHandler.js';
import { isRole, type Role } from '../../domain/user.js';
import type { Mailer } from '../../mail/Mailer.js';
import type { Store } from '../../store/ports.js';
import type { SiteSettingsSource } from '../site/siteSettings.js';
import { invitationLink } from './invitationLink.js';
import { renderInvitationEmail } from './renderInvitationEmail.js';
import { hashToken } from './tokens.js';

/** The durable job that emails one invitation (queued by inviteUser when SMTP is configured). */
export const INVITATION_EMAIL_JOB = 'mail.invitation';

/**
 * What the job row holds. The token is there in clear: a retry must be able to write the link.
 * It is worth nothing once the invitation is used or expired (accounts.invitationHours).
 */
export interface InvitationEmailPayload {
  to: string;
  name: string;
  role: Role;
  invitedBy: string | null;
  token: string;
}

/** Reads a job payload back, refusing anything else (a hand-edited row, an old shape). */
export function parseInvitationEmailPayload(payload: unknown): InvitationEmailPayload {
  const p = payload as Partial<InvitationEmailPayload> | null;
  if (!p || typeof p.to !== 'string' || typeof p.name !== 'string' || !isRole(p.role) || typeof p.token !== 'string' || (p.invitedBy !== null && typeof p.invitedBy !== 'string')) {
    throw new Error(`${INVITATION_EMAIL_JOB}: payload must be { to, name, role, invitedBy, token }`);
  }
  return { to: p.to, name: p.name, role: p.role, invitedBy: p.invitedBy ?? null, token: p.token };
}

export interface InvitationEmailHandlerDeps {
  store: Pick<Store, 'invitations'>;
  /** The site's current name, locale (which language the email is in) and time zone. */
  site: SiteSettingsSource;
  /** null: SMTP is not configured (a job queued before it was removed fails, and stays to be read). */
  mailer: Mailer | null;
  baseUrl: string;
  now: () => Date;
  /** Told what happened to each email: sent, or skipped because the invitation was used or expired. */
  onOutcome?: (outcome: { outcome: 'sent' | 'skipped'; to: string; jobId: number }) => void;
}

/**
 * The `mail.invitation` job: renders the email in the site's language and sends it. An invitation
 * already used or expired is not mailed (a retry after the admin handed the link over by hand).
 * A refused or failed send throws, and the queue retries with its doubling backoff.
 */
export function invitationEmailHandler(deps: InvitationEmailHandlerDeps): JobHandler {
  return async function sendInvitationEmail(job) {
    const payload = parseInvitationEmailPayload(job.payload);
    const invitation = await deps.store.invitations.findByTokenHash(hashToken(payload.token));
    if (!invitation || invitation.usedAt || deps.now().getTime() >= invitation.expiresAt.getTime()) {
      deps.onOutcome?.({ outcome: 'skipped', to: payload.to, jobId: job.id });
      return;
    }
    if (!deps.mailer) throw new Error('mail.smtpUrl is not configured: the invitation email cannot be sent');
    const site = await deps.site.get();
    await deps.mailer.send(
      renderInvitationEmail({
        to: { name: payload.name, address: payload.to },
        role: payload.role,
        invitedBy: payload.invitedBy,
        link: invitationLink(deps.baseUrl, payload.token),
        expiresAt: invitation.expiresAt,
        site,
      }),
    );
    deps.onOutcome?.({ outcome: 'sent', to: payload.to, jobId: job.id });
  };
}
