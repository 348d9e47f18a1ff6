/**
 * Wall-clock time in an IANA zone, fast. `Intl.DateTimeFormat#formatToParts` costs microseconds
 * per call and pages format dozens of dates; the zone's offset only changes on transitions, which
 * the tz database places on quarter-hour boundaries, so it is asked once per quarter hour of UTC
 * and the rest is arithmetic.
 */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface ZonedTime {
  /** Minutes east of UTC at that instant (Casablanca: 60, or 0 during Ramadan). */
  offsetMinutes(date: Date): number;
  /** '+01:00' */
  offsetString(date: Date): string;
  parts(date: Date): ZonedParts;
  /** '2022-09-15T11:00:00+01:00' (seconds precision). */
  isoWithOffset(date: Date): string;
  /** '2022-09-15', the calendar day in the zone. */
  day(date: Date): string;
}

const QUARTER_HOUR = 15 * 60_000;
const zones = new Map<string, ZonedTime>();

/**
 * @example zonedTime('Africa/Casablanca').isoWithOffset(new Date('2022-09-15T10:00:00Z')) // '2022-09-15T11:00:00+01:00'
 * @throws RangeError for an unknown time zone.
 */
export function zonedTime(timeZone: string): ZonedTime {
  const known = zones.get(timeZone);
  if (known) return known;
  const offsetFmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  const offsets = new Map<number, number>();

  const offsetMinutes = (date: Date): number => {
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let minutes = offsets.get(bucket);
    if (minutes === undefined) {
      const name = offsetFmt.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
      minutes = parseOffset(name);
      if (offsets.size > 50_000) offsets.clear();
      offsets.set(bucket, minutes);
    }
    return minutes;
  };
  const parts = (date: Date): ZonedParts => {
    const shifted = new Date(date.getTime() + offsetMinutes(date) * 60_000);
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
    };
  };
  const offsetString = (date: Date): string => {
    const m = offsetMinutes(date);
    const abs = Math.abs(m);
    return `${m < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  };
  const zone: ZonedTime = {
    offsetMinutes,
    offsetString,
    parts,
    isoWithOffset(date) {
      const p = parts(date);
      return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${offsetString(date)}`;
    },
    day(date) {
      const p = parts(date);
      return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
    },
  };
  zones.set(timeZone, zone);
  return zone;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** 'GMT', 'GMT+01:00', 'GMT-03:30', 'GMT+5' (Intl's longOffset forms) → minutes east of UTC. */
function parseOffset(name: string): number {
  if (name === 'GMT' || name === 'UTC') return 0;
  const m = /^(?:GMT|UTC)([+\u2212-])(\d{1,2})(?::?(\d{2}))?/.exec(name);
  if (!m) throw new Error(`Unexpected time zone offset from Intl: "${name}"`);
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '+' ? minutes : -minutes;
}
