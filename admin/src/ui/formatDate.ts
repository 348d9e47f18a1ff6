/** A date and time for the newsroom, in the interface's locale (Latin digits in every language). */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', numberingSystem: 'latn', ...(timeZone ? { timeZone } : {}) }).format(date);
}
