/**
 * Date formatting in the site's locale and time zone.
 *
 * Relies on Node's full ICU: for ar-MA it gives the Moroccan month names
 * (يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر) and
 * Latin digits, and the tz database gives Morocco's Ramadan switch to +00:00.
 */

import { zonedTime } from './zonedTime.js';

export interface DateFormatter {
  /** Day, month name, year: '15 شتنبر 2022' for ar-MA. */
  long(date: Date): string;
  /** Weekday then long date: 'الأحد، 29 نونبر 2026' for ar-MA. */
  longWithWeekday(date: Date): string;
  /** 24-hour time, hours and minutes: '10:05'. */
  time(date: Date): string;
  /** ISO 8601 in the site's zone, seconds precision: '2022-09-15T11:00:00+01:00'. */
  isoWithOffset(date: Date): string;
  /** UTC offset of the site's zone at that instant: '+01:00'. */
  offset(date: Date): string;
}

export interface DateFormatterOptions {
  /** BCP 47 locale, e.g. 'ar-MA' (add '-u-nu-latn' to force Latin digits). */
  locale: string;
  /** IANA time zone, e.g. 'Africa/Casablanca'. */
  timeZone: string;
}

/**
 * Builds a formatter for one locale and time zone. The Intl formatters are
 * created here once, because constructing them is slow (tens of
 * microseconds each) and pages format many dates.
 *
 * @throws RangeError for an unknown locale or time zone.
 * @example
 * const fmt = createDateFormatter({ locale: 'ar-MA', timeZone: 'Africa/Casablanca' });
 * fmt.long(new Date('2022-09-15T10:00:00Z'))          // '15 شتنبر 2022'
 * fmt.isoWithOffset(new Date('2022-09-15T10:00:00Z')) // '2022-09-15T11:00:00+01:00'
 */
export function createDateFormatter(options: DateFormatterOptions): DateFormatter {
  const { locale, timeZone } = options;
  const longFmt = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  const weekdayFmt = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const timeFmt = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  // Machine-readable forms are computed from the zone's offset (zonedTime), which is right across
  // DST and Morocco's Ramadan switch and costs no Intl call once the quarter hour is known.
  const zone = zonedTime(timeZone);
  // Human forms depend only on the local calendar day (or minute): memoized, a page repeats them.
  const byDay = memo((date: Date) => zone.day(date), (date) => longFmt.format(date));
  const byDayWeekday = memo((date: Date) => zone.day(date), (date) => weekdayFmt.format(date));

  return {
    long: (date) => byDay(assertValid(date)),
    longWithWeekday: (date) => byDayWeekday(assertValid(date)),
    time: (date) => timeFmt.format(assertValid(date)),
    isoWithOffset: (date) => zone.isoWithOffset(assertValid(date)),
    offset: (date) => zone.offsetString(assertValid(date)),
  };
}

/**
 * The two forms a `<time>` element needs: human text and machine `datetime`.
 *
 * @example formatDateView(fmt, new Date('2022-09-15T10:00:00Z'))
 * // { text: '15 شتنبر 2022', iso: '2022-09-15T11:00:00+01:00' }
 */
export function formatDateView(fmt: DateFormatter, date: Date): { text: string; iso: string } {
  return { text: fmt.long(date), iso: fmt.isoWithOffset(date) };
}

function assertValid(date: Date): Date {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  return date;
}

/**
 * 'GMT+01:00' → '+01:00'; ICU writes a zero offset as plain 'GMT'.
 * Historical local-mean-time offsets can carry seconds ('GMT-00:30:17');
 * ISO 8601 / RFC 3339 offsets cannot, so seconds are dropped.
 */
/** Caches `compute` by `key` (bounded: cleared when it grows past 5,000 entries). */
function memo<T>(key: (date: Date) => string, compute: (date: Date) => T): (date: Date) => T {
  const cache = new Map<string, T>();
  return (date) => {
    const k = key(date);
    let value = cache.get(k);
    if (value === undefined) {
      if (cache.size > 5000) cache.clear();
      value = compute(date);
      cache.set(k, value);
    }
    return value;
  };
}
