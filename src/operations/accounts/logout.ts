import type { AccountsDeps } from './AccountsDeps.js';
import { hashToken } from './tokens.js';

/** Ends the session of `token` (nothing happens for an unknown one). */
export async function logout(deps: Pick<AccountsDeps, 'store'>, token: string): Promise<void> {
  const session = await deps.store.sessions.findByTokenHash(hashToken(token));
  if (session) await deps.store.sessions.delete(session.id);
}
