import { zonedTime } from '../../../src/domain/text/zonedTime.js';

/** The site's default zone (DESIGN §4), used until the settings API tells the site's own. */
export const DEFAULT_TIME_ZONE = 'Africa/Casablanca';

const pad = (n: number) => String(n).padStart(2, '0');

/** A UTC instant as the value of `<input type="datetime-local">` in `timeZone`. */
export function toZonedInput(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const p = zonedTime(timeZone).parts(new Date(iso));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The UTC instant of a wall-clock time typed in `timeZone` (`2026-11-29T09:30`).
 *
 * @example fromZonedInput('2026-11-29T11:00', 'Africa/Casablanca') // '2026-11-29T10:00:00.000Z'
 */
export function fromZonedInput(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const zone = zonedTime(timeZone);
  let instant = wall - zone.offsetMinutes(new Date(wall)) * 60_000;
  instant = wall - zone.offsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant).toISOString();
}
