import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret for a session or an invitation: 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps of a token: its SHA-256, hex (a stolen table signs nobody in). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session: an HMAC keyed by the session token itself. It needs no storage and
 * no server secret shared between nodes, changes with every login, and cannot be computed by a page
 * on another origin, which never sees the HttpOnly cookie.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('khabar-csrf-v1').digest('base64url');
}

/** Compares in constant time. */
export function isCsrfTokenValid(sessionToken: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
