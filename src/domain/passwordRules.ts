/** At least this many characters (Unicode code points, so 10 Arabic letters count as 10). */
export const PASSWORD_MIN_CHARS = 10;
/** At most this many UTF-8 bytes: argon2 has no 72-byte cut, but hashing megabytes is a denial of service. */
export const PASSWORD_MAX_BYTES = 1024;

/**
 * Why a new password is refused, or null when it is acceptable. Passwords are taken as typed
 * (no trimming, no normalization): what the user types at login must hash the same.
 *
 * @example passwordProblem('قصيرة') // 'the password must have at least 10 characters'
 */
export function passwordProblem(password: string): string | null {
  if ([...password].length < PASSWORD_MIN_CHARS) return `the password must have at least ${PASSWORD_MIN_CHARS} characters`;
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) return `the password must have at most ${PASSWORD_MAX_BYTES} bytes`;
  return null;
}
