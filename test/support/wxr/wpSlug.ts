/**
 * Slugs as WordPress stores them in `wp_posts.post_name` and `wp_terms.slug`: the title put
 * through `sanitize_title_with_dashes(…, 'save')` (wp-includes/formatting.php), which lowercases,
 * percent-encodes every non-ASCII character with lowercase hex (`utf8_uri_encode`) and cuts the
 * encoded form at 200 bytes — about 33 Arabic letters, since each takes six bytes (`%d8%a7`).
 * Exports carry these encoded slugs, so a test of "Arabic slugs survive" must start from them.
 */

/** The encoded-octet sequences WordPress strips or turns into a hyphen in the 'save' context. */
const TO_HYPHEN = ['%c2%a0', '%e2%80%93', '%e2%80%94'];
const STRIPPED = [
  '%c2%ad', '%c2%a1', '%c2%bf', '%c2%ab', '%c2%bb', '%e2%80%b9', '%e2%80%ba',
  '%e2%80%98', '%e2%80%99', '%e2%80%9c', '%e2%80%9d', '%e2%80%9a', '%e2%80%9b', '%e2%80%9e', '%e2%80%9f',
  '%e2%80%a2', '%c2%a9', '%c2%ae', '%c2%b0', '%e2%80%a6', '%e2%84%a2',
  '%c2%b4', '%cb%8a', '%cc%81', '%cd%81', '%cc%80', '%cc%84', '%cc%8c',
  '%e2%80%8b', '%e2%80%8c', '%e2%80%8d', '%e2%80%8e', '%e2%80%8f', '%e2%80%aa', '%e2%80%ab', '%e2%80%ac', '%e2%80%ad', '%e2%80%ae',
  '%ef%bb%bf', '%ef%bf%bc',
];

/** WordPress's longest slug, in encoded bytes (`utf8_uri_encode( $title, 200 )`). */
export const WP_SLUG_MAX = 200;

/**
 * `utf8_uri_encode`: ASCII kept, other characters as lowercase `%xx` octets, stopping before the
 * character that would pass `max` encoded bytes (never inside a character).
 */
export function utf8UriEncode(text: string, max = 0): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const piece = code < 0x80 ? ch : Array.from(Buffer.from(ch, 'utf8'), (b) => `%${b.toString(16)}`).join('');
    if (max && out.length + piece.length > max) break;
    out += piece;
  }
  return out;
}

/**
 * `sanitize_title_with_dashes( $title, '', 'save' )`.
 *
 * @example wpSanitizeTitle('وزارة الصحة') // '%d9%88%d8%b2%d8%a7%d8%b1%d8%a9-%d8%a7%d9%84%d8%b5%d8%ad%d8%a9'
 */
export function wpSanitizeTitle(title: string): string {
  let t = title.replace(/<[^>]*>/g, '');
  t = t.replace(/%([a-fA-F0-9]{2})/g, '---$1---').replace(/%/g, '').replace(/---([a-fA-F0-9]{2})---/g, '%$1');
  t = utf8UriEncode(t.toLowerCase(), WP_SLUG_MAX).toLowerCase();
  for (const s of TO_HYPHEN) t = t.split(s).join('-');
  t = t.replace(/&nbsp;|&#160;|&ndash;|&#8211;|&mdash;|&#8212;/g, '-').replace(/\//g, '-');
  for (const s of STRIPPED) t = t.split(s).join('');
  t = t.split('%c3%97').join('x');
  t = t.replace(/&.+?;/g, '').replace(/\./g, '-');
  t = t.replace(/[^%a-z0-9 _-]/g, '').replace(/\s+/g, '-').replace(/-+/g, '-');
  return t.replace(/^-+|-+$/g, '');
}

/** `_truncate_post_slug`: shortens an encoded slug to `max` bytes without splitting a character. */
function truncateSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const decoded = decodeURIComponent(slug);
  return (decoded === slug ? slug.slice(0, max) : utf8UriEncode(decoded, max)).replace(/-+$/, '');
}

/**
 * `wp_unique_post_slug` for one namespace: the slug, or the slug with `-2`, `-3`, … (shortened
 * first so the result stays within 200 bytes) when it is taken. Records the slug it returns.
 */
export function uniqueSlug(slug: string, taken: Set<string>): string {
  let out = slug;
  for (let n = 2; taken.has(out); n++) out = `${truncateSlug(slug, WP_SLUG_MAX - String(n).length - 1)}-${n}`;
  taken.add(out);
  return out;
}
