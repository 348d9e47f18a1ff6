import { api, ApiError, setCsrfToken } from './client.js';

export type Role = 'admin' | 'editor' | 'author' | 'contributor';
export const roles: readonly Role[] = ['admin', 'editor', 'author', 'contributor'];

/** An account as the API shows it (README "Accounts"). */
export interface Account {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  canLogIn: boolean;
  createdAt: string;
}

interface SessionAnswer {
  user: Account;
  csrfToken: string;
  expiresAt: string;
}

/** POST /session: logs in and keeps the CSRF token for later mutations. */
export async function logIn(email: string, password: string): Promise<Account> {
  const answer = await api<SessionAnswer>('POST', '/session', { email, password }, { quiet401: true });
  setCsrfToken(answer.csrfToken);
  return answer.user;
}

/** GET /session: the signed-in user, or null without a session. */
export async function currentUser(): Promise<Account | null> {
  try {
    const answer = await api<SessionAnswer>('GET', '/session', undefined, { quiet401: true });
    setCsrfToken(answer.csrfToken);
    return answer.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function logOut(): Promise<void> {
  await api<void>('DELETE', '/session');
  setCsrfToken(null);
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api<unknown>('POST', '/session/password', { currentPassword, newPassword });
}

/** POST /invitations/:token: sets the invited user's password and signs them in. */
export async function acceptInvitation(token: string, password: string): Promise<Account> {
  const answer = await api<SessionAnswer>('POST', `/invitations/${encodeURIComponent(token)}`, { password }, { quiet401: true });
  setCsrfToken(answer.csrfToken);
  return answer.user;
}
