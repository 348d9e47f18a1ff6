import { describe, expect, it } from 'vitest';
import { zonedTime } from '../../../src/domain/text/zonedTime.js';

/** The slow reference: Intl's own parts for the instant. */
function reference(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const name = parts.timeZoneName === 'GMT' ? 'GMT+00:00' : parts.timeZoneName!;
  const offset = name.replace('GMT', '').replace('\u2212', '-');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

describe('zonedTime', () => {
  const zones = ['Africa/Casablanca', 'Europe/Paris', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC', 'Asia/Riyadh'];

  it.each(zones)('agrees with Intl on 3,000 instants from 1990 to 2040 in %s', (zone) => {
    const z = zonedTime(zone);
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const from = Date.UTC(1990, 0, 1);
    const to = Date.UTC(2040, 0, 1);
    for (let i = 0; i < 3000; i++) {
      const date = new Date(Math.floor(from + random() * (to - from)));
      expect(z.isoWithOffset(date), date.toISOString()).toBe(reference(date, zone));
    }
  });

  it('follows Morocco to +00:00 in Ramadan 2023 and back, around the switch', () => {
    const z = zonedTime('Africa/Casablanca');
    for (const iso of ['2023-03-19T01:59:59Z', '2023-03-19T02:00:00Z', '2023-04-23T01:59:59Z', '2023-04-23T02:00:00Z']) {
      expect(z.isoWithOffset(new Date(iso)), iso).toBe(reference(new Date(iso), 'Africa/Casablanca'));
    }
    expect(z.offsetString(new Date('2023-04-01T12:00:00Z'))).toBe('+00:00');
    expect(z.day(new Date('2026-11-29T23:30:00Z'))).toBe('2026-11-30');
  });

  it('refuses an invalid date and an unknown zone', () => {
    expect(() => zonedTime('UTC').parts(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => zonedTime('Mars/Olympus')).toThrow(RangeError);
  });
});
