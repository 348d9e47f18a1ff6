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
