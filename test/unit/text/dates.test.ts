import { describe, expect, it } from 'vitest';
import { createDateFormatter, formatDateView } from '../../../src/domain/text/dates.js';

const casablanca = createDateFormatter({ locale: 'ar-MA', timeZone: 'Africa/Casablanca' });

describe('createDateFormatter (ar-MA, Africa/Casablanca)', () => {
  it('formats a long date with the Moroccan month name', () => {
    expect(casablanca.long(new Date('2022-09-15T10:00:00Z'))).toBe('15 شتنبر 2022');
  });

  it('uses all 12 Moroccan month names', () => {
    const months = Array.from({ length: 12 }, (_, m) => casablanca.long(new Date(Date.UTC(2022, m, 15, 12))));
    expect(months).toEqual([
      '15 يناير 2022',
      '15 فبراير 2022',
      '15 مارس 2022',
      '15 أبريل 2022',
      '15 ماي 2022',
      '15 يونيو 2022',
      '15 يوليوز 2022',
      '15 غشت 2022',
      '15 شتنبر 2022',
      '15 أكتوبر 2022',
      '15 نونبر 2022',
      '15 دجنبر 2022',
    ]);
  });

  it('formats the date in the site zone, not UTC', () => {
    // 23:30 UTC on 14 September is 00:30 on the 15th in Casablanca (+01:00).
    expect(casablanca.long(new Date('2022-09-14T23:30:00Z'))).toBe('15 شتنبر 2022');
  });

  it('formats a long date with the weekday', () => {
    expect(casablanca.longWithWeekday(new Date('2026-11-29T10:00:00Z'))).toBe('الأحد، 29 نونبر 2026');
  });

  it('formats time on a 24-hour clock', () => {
    expect(casablanca.time(new Date('2022-09-15T09:05:00Z'))).toBe('10:05');
    expect(casablanca.time(new Date('2022-09-15T21:30:00Z'))).toBe('22:30');
    expect(casablanca.time(new Date('2022-09-14T23:00:00Z'))).toBe('00:00');
  });

  it('gives ISO 8601 with the offset, seconds precision', () => {
    expect(casablanca.isoWithOffset(new Date('2022-09-15T10:00:00Z'))).toBe('2022-09-15T11:00:00+01:00');
    expect(casablanca.isoWithOffset(new Date('2022-09-15T10:00:07.999Z'))).toBe('2022-09-15T11:00:07+01:00');
    expect(casablanca.offset(new Date('2022-09-15T10:00:00Z'))).toBe('+01:00');
  });

  // Node's ICU (tzdata 2025c here) has Morocco at +00:00 during Ramadan 2023,
  // from 19 March 02:00 UTC to 23 April 02:00 UTC; checked with Intl before writing these.
  it('switches to +00:00 during Ramadan 2023', () => {
    expect(casablanca.offset(new Date('2023-04-10T12:00:00Z'))).toBe('+00:00');
    expect(casablanca.isoWithOffset(new Date('2023-04-10T12:00:00Z'))).toBe('2023-04-10T12:00:00+00:00');
    expect(casablanca.isoWithOffset(new Date('2023-03-19T01:59:59Z'))).toBe('2023-03-19T02:59:59+01:00');
    expect(casablanca.isoWithOffset(new Date('2023-03-19T02:00:00Z'))).toBe('2023-03-19T02:00:00+00:00');
    expect(casablanca.isoWithOffset(new Date('2023-04-23T01:59:59Z'))).toBe('2023-04-23T01:59:59+00:00');
    expect(casablanca.isoWithOffset(new Date('2023-04-23T02:00:00Z'))).toBe('2023-04-23T03:00:00+01:00');
    expect(casablanca.offset(new Date('2023-05-01T12:00:00Z'))).toBe('+01:00');
  });

  it('gives an ISO string that parses back to the same second, every hour of 2023', () => {
    const start = Date.UTC(2023, 0, 1);
    const wrong: string[] = [];
    for (let t = start; t < Date.UTC(2024, 0, 1); t += 3_600_000 + 17_000) {
      const iso = casablanca.isoWithOffset(new Date(t));
      const shape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(iso);
      if (!shape || Date.parse(iso) !== Math.floor(t / 1000) * 1000) wrong.push(`${new Date(t).toISOString()} → ${iso}`);
    }
    expect(wrong).toEqual([]);
  });

  it('rejects an invalid date', () => {
    expect(() => casablanca.long(new Date('nope'))).toThrow(RangeError);
    expect(() => casablanca.isoWithOffset(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('createDateFormatter (other zones)', () => {
  const paris = createDateFormatter({ locale: 'fr-FR', timeZone: 'Europe/Paris' });

  it('follows Europe/Paris DST in spring and autumn', () => {
    expect(paris.isoWithOffset(new Date('2024-03-31T00:59:59Z'))).toBe('2024-03-31T01:59:59+01:00');
    expect(paris.isoWithOffset(new Date('2024-03-31T01:00:00Z'))).toBe('2024-03-31T03:00:00+02:00');
    expect(paris.isoWithOffset(new Date('2024-10-27T00:59:59Z'))).toBe('2024-10-27T02:59:59+02:00');
    expect(paris.isoWithOffset(new Date('2024-10-27T01:00:00Z'))).toBe('2024-10-27T02:00:00+01:00');
    expect(paris.offset(new Date('2024-07-14T12:00:00Z'))).toBe('+02:00');
    expect(paris.offset(new Date('2024-01-14T12:00:00Z'))).toBe('+01:00');
  });

  it('handles UTC, half-hour and negative offsets', () => {
    const d = new Date('2022-09-15T10:00:00Z');
    expect(createDateFormatter({ locale: 'ar', timeZone: 'UTC' }).isoWithOffset(d)).toBe('2022-09-15T10:00:00+00:00');
    expect(createDateFormatter({ locale: 'ar', timeZone: 'Asia/Kolkata' }).isoWithOffset(d)).toBe(
      '2022-09-15T15:30:00+05:30',
    );
    expect(createDateFormatter({ locale: 'ar', timeZone: 'America/St_Johns' }).isoWithOffset(d)).toBe(
      '2022-09-15T07:30:00-02:30',
    );
  });

  it('keeps ISO output in Latin digits whatever the display locale', () => {
    const cairo = createDateFormatter({ locale: 'ar-EG', timeZone: 'Africa/Cairo' });
    const d = new Date('2022-09-15T10:00:00Z');
    expect(cairo.long(d)).toBe('١٥ سبتمبر ٢٠٢٢');
    // Egypt had no DST in 2022 (it came back in 2023).
    expect(cairo.isoWithOffset(d)).toBe('2022-09-15T12:00:00+02:00');
    expect(cairo.isoWithOffset(new Date('2023-09-15T10:00:00Z'))).toBe('2023-09-15T13:00:00+03:00');
  });

  it('rejects an unknown time zone when the formatter is built', () => {
    expect(() => createDateFormatter({ locale: 'ar-MA', timeZone: 'Africa/Atlantis' })).toThrow(RangeError);
  });
});

describe('formatDateView', () => {
  it('gives the text and the datetime attribute of a <time> element', () => {
    expect(formatDateView(casablanca, new Date('2022-09-15T10:00:00Z'))).toEqual({
      text: '15 شتنبر 2022',
      iso: '2022-09-15T11:00:00+01:00',
    });
  });
});
