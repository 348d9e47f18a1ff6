/**
 * "N minutes" with the Arabic number agreement rules (CLDR plural categories for `ar`):
 * 1 → "دقيقة واحدة", 2 → "دقيقتان", 3–10 → "N دقائق", 11–99 → "N دقيقة", and the same by the
 * last two digits above 100 (103 → "103 دقائق", 111 → "111 دقيقة", 200 → "200 دقيقة").
 *
 * @example minutesText(5) // "5 دقائق"
 */
export function minutesText(minutes: number): string {
  const n = Math.max(1, Math.round(minutes));
  if (n === 1) return 'دقيقة واحدة';
  if (n === 2) return 'دقيقتان';
  const lastTwo = n % 100;
  if (lastTwo >= 3 && lastTwo <= 10) return `${n} دقائق`;
  return `${n} دقيقة`;
}

/** @example readingTimeText(3) // "3 دقائق قراءة" */
export function readingTimeText(minutes: number): string {
  return `${minutesText(minutes)} قراءة`;
}

/** The reading-time line of an article or card. */
export function ReadingTime({ minutes }: { minutes: number }) {
  return <span class="reading-time">{readingTimeText(minutes)}</span>;
}
