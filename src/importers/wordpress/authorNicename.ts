/**
 * The author archive slug WordPress gives a login when it creates the user:
 * `sanitize_title( mb_substr( $user_login, 0, 50 ) )` — lower case, `.` and spaces to `-`, other
 * punctuation dropped, dashes collapsed. WXR exports carry the login, not this slug, so old
 * `/author/<slug>/` links depend on computing it the same way (`fatima.bensalem` → `fatima-bensalem`).
 * Non-Latin letters are kept as they are (WordPress percent-encodes them; we store Unicode).
 *
 * @example authorNicename('Fatima.Bensalem') // 'fatima-bensalem'
 */
export function authorNicename(login: string): string {
  return [...login]
    .slice(0, 50)
    .join('')
    .toLowerCase()
    .replace(/[.\s]/g, '-')
    .replace(/[^\p{L}\p{M}\p{N}_-]/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-/, '')
    .replace(/-$/, '');
}
