/** A date and time for the newsroom, in the interface's locale (Latin digits in every language). */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', numberingSystem: 'latn', ...(timeZone ? { timeZone } : {}) }).format(date);
}

/**
 * A date and time on the site's clock (its zone's offsets as the server sent them, since a browser's
 * tz data may be stale), in the interface's locale with Latin digits; `full` adds the weekday and
 * spells the month (ar-MA: "الثلاثاء، 15 شتنبر 2026 في 09:30").
 */
export function formatOnClock(iso: string, locale: string, clock: { offsetAt(instantMs: number): number }, dateStyle: 'medium' | 'full' = 'medium'): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const wall = new Date(ms + clock.offsetAt(ms) * 60_000);
  return new Intl.DateTimeFormat(locale, { dateStyle, timeStyle: 'short', numberingSystem: 'latn', timeZone: 'UTC' }).format(wall);
}
