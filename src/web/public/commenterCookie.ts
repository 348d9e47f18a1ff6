/** The "remember me" cookie of the comment form: name, email and website, only when the reader ticked the box. */
export const COMMENTER_COOKIE = 'khabar_commenter';

export interface CommenterValues {
  author: string;
  email: string;
  url: string;
}

/** One cookie's value from a Cookie header (no library needed for reading one name). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function readCommenter(header: string | undefined): CommenterValues | null {
  const raw = readCookie(header, COMMENTER_COOKIE);
  if (!raw) return null;
  try {
    const data = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
    const values = { author: text(data.n, 245), email: text(data.e, 100), url: text(data.u, 200) };
    return values.author || values.email ? values : null;
  } catch {
    return null;
  }
}

/** Set-Cookie for the remembered values (a year, like WordPress), HttpOnly, SameSite=Lax, Secure over TLS. */
export function commenterCookie(values: CommenterValues, secure: boolean): string {
  const value = Buffer.from(JSON.stringify({ n: values.author, e: values.email, u: values.url })).toString('base64url');
  return `${COMMENTER_COOKIE}=${value}; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** `COMMENTER_COOKIE` as a Cookie header entry (a literal, so the ReDoS check reads it). */
const HAS_COMMENTER_COOKIE = /(?:^|;\s*)khabar_commenter=/;

/** Whether a Cookie header carries the commenter cookie at all (valid or not). */
export function hasCommenterCookie(header: string | undefined): boolean {
  return header !== undefined && HAS_COMMENTER_COOKIE.test(header);
}

/** Set-Cookie that forgets the remembered values (the box was left unticked). */
export function clearCommenterCookie(secure: boolean): string {
  return `${COMMENTER_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
