import { api } from './client.js';
import type { Account, Role } from './session.js';

export interface Invitation {
  link: string;
  token: string;
  expiresAt: string;
  /** The queued email when the server has SMTP configured; null: nothing is sent, hand the link over. */
  email: { to: string; jobId: number } | null;
}

export async function listUsers(): Promise<Account[]> {
  return (await api<{ users: Account[] }>('GET', '/users')).users;
}

/** POST /users without a password: an invitation whose one-time link is returned (and emailed when SMTP is configured). */
export async function inviteUser(input: { email: string; name: string; role: Role }): Promise<{ user: Account; invitation: Invitation }> {
  return api('POST', '/users', input);
}

export async function changeRole(userId: number, role: Role): Promise<Account> {
  return (await api<{ user: Account }>('PATCH', `/users/${userId}`, { role })).user;
}
