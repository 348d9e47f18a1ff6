import type { OffsetTransition } from '../../../src/domain/text/offsetTransitions.js';
import { zonedTime } from '../../../src/domain/text/zonedTime.js';

/** The site's default zone (DESIGN §4), used until the API tells the site's own. */
export const DEFAULT_TIME_ZONE = 'Africa/Casablanca';

/** The site's clock: its zone's name and its offset (minutes east of UTC) at an instant. */
export interface SiteClock {
  timeZone: string;
  offsetAt(instantMs: number): number;
}

/**
 * The site's clock from the offsets the server sent (GET /site: its tz data is current; a browser's
 * may not be — Debian's Chromium puts Casablanca at +00:00 in November 2026). Outside the range the
 * server covered, and without any, the browser's own tz data is used.
 */
export function siteClock(timeZone: string, transitions: readonly OffsetTransition[] = []): SiteClock {
  const browser = zonedTime(timeZone);
  const points = transitions.map((t) => ({ at: Date.parse(t.at), minutes: t.minutes })).sort((a, b) => a.at - b.at);
  const last = points.length ? points[points.length - 1]!.at : -Infinity;
  return {
    timeZone,
    offsetAt(ms) {
      // Beyond the last point the server's range has ended (it covers two years ahead): ask the browser.
      if (points.length === 0 || ms < points[0]!.at || ms > last + 366 * 86_400_000) return browser.offsetMinutes(new Date(ms));
      let found = points[0]!.minutes;
      for (const p of points) {
        if (p.at > ms) break;
        found = p.minutes;
      }
      return found;
    },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A UTC instant as the value of `<input type="datetime-local" step="1">` on the site's clock (seconds only when not zero). */
export function toZonedInput(iso: string | null, clock: SiteClock): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  const d = new Date(ms + clock.offsetAt(ms) * 60_000);
  const seconds = d.getUTCSeconds();
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(seconds)}` : ''}`;
}

/**
 * The UTC instant of a wall-clock time typed on the site's clock (`2026-11-29T09:30`, or with seconds).
 *
 * @example fromZonedInput('2026-11-29T11:00', siteClock('Africa/Casablanca')) // '2026-11-29T10:00:00.000Z'
 */
export function fromZonedInput(value: string, clock: SiteClock): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  let instant = wall - clock.offsetAt(wall) * 60_000;
  instant = wall - clock.offsetAt(instant) * 60_000;
  return new Date(instant).toISOString();
}
