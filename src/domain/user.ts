/** Roles with WordPress's meaning (DESIGN §4). */
export const roles = ['admin', 'editor', 'author', 'contributor'] as const;
export type Role = (typeof roles)[number];

export interface User {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  /** Null for accounts that cannot log in yet (imported, invited). */
  passwordHash: string | null;
  createdAt: Date;
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  passwordHash?: string | null;
}

/** A user as the admin API and the CLI show it: never the password hash. */
export interface Account {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  /** False for an invited user who has not set a password yet. */
  canLogIn: boolean;
  createdAt: Date;
}

export function toAccount(user: User): Account {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    canLogIn: user.passwordHash !== null,
    createdAt: user.createdAt,
  };
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
