/**
 * Date formatting in the site's locale and time zone.
 *
 * Relies on Node's full ICU: for ar-MA it gives the Moroccan month names
 * (يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر) and
 * Latin digits, and the tz database gives Morocco's Ramadan switch to +00:00.
 */

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
  // Machine-readable parts come from a fixed locale with Latin digits, whatever the site locale.
  // The offset is read per date (longOffset) so that DST and Morocco's Ramadan switch are right.
  const partsFmt = new Intl.DateTimeFormat('en-US-u-nu-latn', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });

  function isoParts(date: Date): { local: string; offset: string } {
    assertValid(date);
    const parts: Record<string, string> = {};
    for (const p of partsFmt.formatToParts(date)) parts[p.type] = p.value;
    const year = (parts['year'] ?? '').padStart(4, '0');
    const local = `${year}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}`;
    return { local, offset: parseLongOffset(parts['timeZoneName'] ?? '') };
  }

  return {
    long: (date) => longFmt.format(assertValid(date)),
    longWithWeekday: (date) => weekdayFmt.format(assertValid(date)),
    time: (date) => timeFmt.format(assertValid(date)),
    isoWithOffset(date) {
      const { local, offset } = isoParts(date);
      return local + offset;
    },
    offset: (date) => isoParts(date).offset,
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
function parseLongOffset(name: string): string {
  if (name === 'GMT' || name === 'UTC') return '+00:00';
  const m = /^(?:GMT|UTC)([+\u2212-])(\d{1,2})(?::?(\d{2}))?/.exec(name);
  if (!m) throw new Error(`Unexpected time zone offset from Intl: "${name}"`);
  const sign = m[1] === '-' || m[1] === '\u2212' ? '-' : '+';
  return `${sign}${(m[2] ?? '0').padStart(2, '0')}:${m[3] ?? '00'}`;
}
