import { describe, expect, it } from 'vitest';
import { fromZonedInput, toZonedInput } from '../../../admin/src/ui/zonedInput.js';

describe('publish times typed in the site time zone', () => {
  it('converts Casablanca wall-clock time to UTC and back, across the Ramadan change of offset', () => {
    // Casablanca is UTC+1, and UTC+0 during Ramadan (2026: about 15 February to 22 March).
    expect(fromZonedInput('2026-11-29T11:00', 'Africa/Casablanca')).toBe('2026-11-29T10:00:00.000Z');
    expect(fromZonedInput('2026-03-01T11:00', 'Africa/Casablanca')).toBe('2026-03-01T11:00:00.000Z');
    expect(toZonedInput('2026-11-29T10:00:00.000Z', 'Africa/Casablanca')).toBe('2026-11-29T11:00');
    expect(toZonedInput('2026-03-01T11:00:00.000Z', 'Africa/Casablanca')).toBe('2026-03-01T11:00');
    expect(fromZonedInput('2026-07-14T09:30', 'Europe/Paris')).toBe('2026-07-14T07:30:00.000Z');
  });

  it('leaves an empty or malformed value unset', () => {
    expect(fromZonedInput('', 'Africa/Casablanca')).toBeNull();
    expect(fromZonedInput('29/11/2026 11:00', 'Africa/Casablanca')).toBeNull();
    expect(toZonedInput(null, 'Africa/Casablanca')).toBe('');
  });
});
