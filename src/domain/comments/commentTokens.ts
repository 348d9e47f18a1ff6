import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { listKey } from './matchWordList.js';

/**
 * The signed form token: when the form was served and for which article. A post that comes back
 * sooner than a person can type, later than `maxAgeMs`, or for another article is refused.
 */
export function issueFormToken(key: string, articleId: number, issuedAtMs: number): string {
  const payload = `${articleId}.${issuedAtMs.toString(36)}`;
  return `${issuedAtMs.toString(36)}.${createHmac('sha256', key).update(payload).digest('base64url').slice(0, 32)}`;
}

export type FormTokenCheck = { ok: true; ageMs: number } | { ok: false; reason: 'missing' | 'forged' | 'too-fast' | 'expired' };

export function checkFormToken(key: string, articleId: number, token: unknown, nowMs: number, minAgeMs: number, maxAgeMs: number): FormTokenCheck {
  if (typeof token !== 'string' || token === '') return { ok: false, reason: 'missing' };
  const [issued36, signature] = token.split('.');
  if (!issued36 || !signature || !/^[0-9a-z]{1,12}$/.test(issued36)) return { ok: false, reason: 'forged' };
  const issuedAtMs = parseInt(issued36, 36);
  const expected = issueFormToken(key, articleId, issuedAtMs).split('.')[1]!;
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) return { ok: false, reason: 'forged' };
  const ageMs = nowMs - issuedAtMs;
  if (ageMs < minAgeMs) return { ok: false, reason: 'too-fast' };
  if (ageMs > maxAgeMs) return { ok: false, reason: 'expired' };
  return { ok: true, ageMs };
}

/** The link that shows a held comment to its author alone (WordPress: `?unapproved=ID&moderation-hash=…`). */
export function moderationHash(key: string, commentId: number, email: string): string {
  return createHmac('sha256', key).update(`moderation.${commentId}.${email.toLowerCase()}`).digest('base64url').slice(0, 24);
}

export function checkModerationHash(key: string, commentId: number, email: string, hash: unknown): boolean {
  if (typeof hash !== 'string') return false;
  const expected = Buffer.from(moderationHash(key, commentId, email));
  const given = Buffer.from(hash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** An IP address as stored: a keyed hash, never the address (DESIGN §4, issue #3). */
export function hashIp(key: string, ip: string): string {
  return createHmac('sha256', key).update(`ip.${ip}`).digest('hex').slice(0, 32);
}

/** The same comment typed twice gives the same fingerprint, whatever the harakat, spaces or elongation. */
export function commentFingerprint(text: string): string {
  return createHash('sha256').update(listKey(text)).digest('hex').slice(0, 32);
}
