/** Characters XML 1.0 does not allow, and lone surrogates (a pair is kept: it is one code point). */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text or attribute value made safe for XML 1.0: `& < > " '` escaped exactly once (an existing
 * `&amp;` in the input is text and becomes `&amp;amp;` only if the input really said so), and
 * characters XML forbids (C0 controls except tab/newline/return, U+FFFE/U+FFFF, lone surrogates)
 * removed.
 */
export function escapeXml(text: string): string {
  return text.replace(ILLEGAL, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
