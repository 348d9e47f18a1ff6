import type { ResolvedConfig } from '../../config/loadConfig.js';
import type { AccountsPolicy } from './AccountsDeps.js';

const HOUR = 3_600_000;

/** The account lifetimes and limits of the configuration, in milliseconds. */
export function accountsPolicyOf(config: Pick<ResolvedConfig, 'accounts'>): AccountsPolicy {
  const { accounts } = config;
  return Object.freeze({
    sessionIdleMs: accounts.sessionIdleHours * HOUR,
    sessionMaxMs: accounts.sessionMaxDays * 24 * HOUR,
    sessionTouchMs: 60_000,
    invitationTtlMs: accounts.invitationHours * HOUR,
    maxFailuresPerEmail: accounts.login.maxFailuresPerEmail,
    maxAttemptsPerIp: accounts.login.maxAttemptsPerIp,
    windowMs: accounts.login.windowMinutes * 60_000,
  });
}
