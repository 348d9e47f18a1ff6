/** Links in a comment as WordPress counts them (comment_max_links): anchors plus bare URLs in the text. */
export function countLinks(text: string): number {
  const anchors = text.match(/<a\s[^<>]*href/gi)?.length ?? 0;
  const bare = withoutAnchors(text).match(/\b(?:https?:\/\/|www\.)\S+/gi)?.length ?? 0;
  return anchors + bare;
}

/**
 * The text with every `<a …>…</a>` replaced by a space, in one pass: `/<a\s[^>]*>.*?<\/a>/gis`
 * rescans to the end from every unclosed `<a ` (quadratic in a comment full of them).
 */
function withoutAnchors(text: string): string {
  const open = /<a\s[^<>]*>/gi;
  const close = /<\/a>/gi;
  let out = '';
  let at = 0;
  for (;;) {
    open.lastIndex = at;
    const start = open.exec(text);
    if (!start) break;
    close.lastIndex = open.lastIndex;
    const end = close.exec(text);
    if (!end) break;
    out += `${text.slice(at, start.index)} `;
    at = close.lastIndex;
  }
  return out + text.slice(at);
}
