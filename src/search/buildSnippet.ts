/** A piece of text shown to readers; `mark` pieces are the words that matched. */
export interface TextSegment {
  text: string;
  mark: boolean;
}

/**
 * Cuts `text` into plain and marked segments at `spans` ([start, end) offsets; overlapping or
 * out-of-range spans are merged or clipped). The text is never interpreted as HTML: the view
 * escapes each segment and wraps marked ones in `<mark>`.
 *
 * @example markSegments('وزارة الصحة', [[0, 5]]) // [{ text: 'وزارة', mark: true }, { text: ' الصحة', mark: false }]
 */
export function markSegments(text: string, spans: ReadonlyArray<readonly [number, number]>): TextSegment[] {
  const clean = normalizeSpans(text.length, spans);
  const out: TextSegment[] = [];
  let at = 0;
  for (const [start, end] of clean) {
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

function normalizeSpans(length: number, spans: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = spans
    .map(([s, e]) => [Math.max(0, Math.min(length, s)), Math.max(0, Math.min(length, e))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: Array<[number, number]> = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/**
 * A window of about `length` characters of `text` around its densest cluster of matches, cut at
 * spaces, with "…" where the text goes on, and the matches marked. Without matches: the opening.
 */
export function buildSnippet(text: string, spans: ReadonlyArray<readonly [number, number]>, length = 240): TextSegment[] {
  const clean = normalizeSpans(text.length, spans);
  if (text.length <= length) return markSegments(text, clean);
  let bestStart = 0;
  if (clean.length > 0) {
    // The window starting a little before a match that holds the most matches.
    let best = -1;
    for (const [s] of clean) {
      const from = Math.max(0, s - Math.floor(length / 4));
      const count = clean.filter(([a, b]) => a >= from && b <= from + length).length;
      if (count > best) {
        best = count;
        bestStart = from;
      }
    }
  }
  let start = bestStart;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space !== -1 && space < start + 30 ? space + 1 : start;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + length / 2) end = space;
  }
  const inside = clean.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s - start, e - start] as [number, number]);
  const segments = markSegments(text.slice(start, end), inside);
  if (start > 0) segments.unshift({ text: '… ', mark: false });
  if (end < text.length) segments.push({ text: ' …', mark: false });
  return segments;
}
