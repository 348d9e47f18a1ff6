import { zonedTime } from './zonedTime.js';

/** From `at` (UTC ISO) on, the zone is `minutes` east of UTC, until the next transition. */
export interface OffsetTransition {
  at: string;
  minutes: number;
}

const DAY = 86_400_000;
const QUARTER_HOUR = 15 * 60_000;

/**
 * A zone's UTC offsets between two instants, as this runtime's tz database knows them: the offset
 * at `from`, then one entry per change (found day by day, then to the quarter hour). Browsers carry
 * their own, sometimes stale, tz data (Debian's Chromium places Casablanca at +00:00 in November
 * 2026, when Morocco is at +01:00), so the newsroom app converts publish times with these instead.
 *
 * @example offsetTransitions('Africa/Casablanca', new Date('2027-01-01'), new Date('2027-12-31')) // [{ at: '2027-01-01T00:00:00.000Z', minutes: 60 }, { at: '2027-02-…', minutes: 0 }, …]
 */
export function offsetTransitions(timeZone: string, from: Date, to: Date): OffsetTransition[] {
  const zone = zonedTime(timeZone);
  const out: OffsetTransition[] = [{ at: from.toISOString(), minutes: zone.offsetMinutes(from) }];
  let current = out[0]!.minutes;
  for (let day = from.getTime(); day < to.getTime(); day += DAY) {
    const next = Math.min(day + DAY, to.getTime());
    const then = zone.offsetMinutes(new Date(next));
    if (then === current) continue;
    // The change lies in (day, next]: narrow it to the quarter hour.
    let low = Math.floor(day / QUARTER_HOUR);
    let high = Math.ceil(next / QUARTER_HOUR);
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (zone.offsetMinutes(new Date(mid * QUARTER_HOUR)) === current) low = mid;
      else high = mid;
    }
    current = zone.offsetMinutes(new Date(high * QUARTER_HOUR));
    out.push({ at: new Date(high * QUARTER_HOUR).toISOString(), minutes: current });
  }
  return out;
}
