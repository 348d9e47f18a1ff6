import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { accountsPolicyOf } from '../../../src/operations/accounts/accountsPolicy.js';

describe('the accounts policy from the configuration', () => {
  it('defaults to a week idle, 30 days at most, 72-hour invitations, 5 failures or 30 attempts per 15 minutes', () => {
    const config = loadConfig({ env: {} });
    expect(config.accounts.secureCookies).toBe(false);
    expect(accountsPolicyOf(config)).toEqual({
      sessionIdleMs: 7 * 86_400_000,
      sessionMaxMs: 30 * 86_400_000,
      sessionTouchMs: 60_000,
      invitationTtlMs: 72 * 3_600_000,
      maxFailuresPerEmail: 5,
      maxAttemptsPerIp: 30,
      windowMs: 15 * 60_000,
    });
  });

  it('takes overrides and refuses nonsense naming the field', () => {
    const config = loadConfig({ env: {}, overrides: { accounts: { sessionIdleHours: 2, login: { windowMinutes: 1 } } } });
    expect(accountsPolicyOf(config)).toMatchObject({ sessionIdleMs: 7_200_000, windowMs: 60_000, maxFailuresPerEmail: 5 });
    expect(() => loadConfig({ env: {}, overrides: { accounts: { login: { maxFailuresPerEmail: 0 } } } })).toThrow(
      /^invalid configuration: accounts\.login\.maxFailuresPerEmail/,
    );
  });
});
