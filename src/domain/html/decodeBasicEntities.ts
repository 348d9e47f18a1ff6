const BASIC: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'", '#x27': "'", nbsp: ' ' };

/**
 * Decodes the few entities our own serializers write (sanitize-html's attribute and text escaping,
 * `&nbsp;`), in one pass so `&amp;lt;` stays `&lt;`. Other entities are left as written.
 *
 * @example decodeBasicEntities('AT&amp;T &lt;b&gt;') // 'AT&T <b>'
 */
export function decodeBasicEntities(text: string): string {
  return text.includes('&') ? text.replace(/&(amp|quot|lt|gt|#39|#x27|nbsp);/g, (whole, name: string) => BASIC[name] ?? whole) : text;
}
