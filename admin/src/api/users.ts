import { api } from './client.js';
import type { Account, Role } from './session.js';

export interface Invitation {
  link: string;
  token: string;
  expiresAt: string;
}

export async function listUsers(): Promise<Account[]> {
  return (await api<{ users: Account[] }>('GET', '/users')).users;
}

/** POST /users without a password: an invitation whose one-time link is returned. */
export async function inviteUser(input: { email: string; name: string; role: Role }): Promise<{ user: Account; invitation: Invitation }> {
  return api('POST', '/users', input);
}

export async function changeRole(userId: number, role: Role): Promise<Account> {
  return (await api<{ user: Account }>('PATCH', `/users/${userId}`, { role })).user;
}
