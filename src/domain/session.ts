/** A signed-in browser. The token itself is never stored, only its SHA-256 (`tokenHash`). */
export interface Session {
  id: number;
  tokenHash: string;
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ipHash: string | null;
  userAgent: string | null;
}

export interface NewSession {
  tokenHash: string;
  userId: number;
  expiresAt: Date;
  /** Defaults to the store's clock; operations pass theirs so one clock decides expiry. */
  createdAt?: Date;
  ipHash?: string | null;
  userAgent?: string | null;
}

/** A one-time link that lets an invited user set a password. */
export interface Invitation {
  id: number;
  tokenHash: string;
  userId: number;
  createdBy: number | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface NewInvitation {
  tokenHash: string;
  userId: number;
  createdBy: number | null;
  expiresAt: Date;
}
