import { describe, expect, it } from 'vitest';
import { offsetTransitions } from '../../../src/domain/text/offsetTransitions.js';
import { fromZonedInput, siteClock, toZonedInput } from '../../../admin/src/ui/zonedInput.js';

const casablanca = siteClock('Africa/Casablanca');

describe('publish times typed in the site time zone', () => {
  it('converts Casablanca wall-clock time to UTC and back, across the Ramadan change of offset', () => {
    // Casablanca is UTC+1, and UTC+0 during Ramadan (2026: about 15 February to 22 March).
    expect(fromZonedInput('2026-11-29T11:00', casablanca)).toBe('2026-11-29T10:00:00.000Z');
    expect(fromZonedInput('2026-03-01T11:00', casablanca)).toBe('2026-03-01T11:00:00.000Z');
    expect(toZonedInput('2026-11-29T10:00:00.000Z', casablanca)).toBe('2026-11-29T11:00');
    expect(toZonedInput('2026-03-01T11:00:00.000Z', casablanca)).toBe('2026-03-01T11:00');
    expect(fromZonedInput('2026-07-14T09:30', siteClock('Europe/Paris'))).toBe('2026-07-14T07:30:00.000Z');
    // Seconds, for a time a few seconds ahead (the input has step="1").
    expect(fromZonedInput('2026-11-29T11:00:10', casablanca)).toBe('2026-11-29T10:00:10.000Z');
    expect(toZonedInput('2026-11-29T10:00:10.000Z', casablanca)).toBe('2026-11-29T11:00:10');
  });

  it("uses the server's offsets over the browser's tz data", () => {
    // A browser that wrongly thinks Casablanca is at +00:00 (Debian's Chromium in 2026) still gets
    // it right with the transitions GET /site sends, computed by the server.
    const transitions = offsetTransitions('Africa/Casablanca', new Date('2026-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z'));
    expect(transitions.map((t) => t.minutes)).toEqual([60, 0, 60, 0, 60]);
    expect(transitions[1]!.at).toBe('2026-02-15T02:00:00.000Z');
    const wrongBrowser = siteClock('UTC', transitions);
    expect(fromZonedInput('2026-11-29T11:00', wrongBrowser)).toBe('2026-11-29T10:00:00.000Z');
    expect(fromZonedInput('2026-03-01T11:00', wrongBrowser)).toBe('2026-03-01T11:00:00.000Z');
    expect(toZonedInput('2027-02-20T11:00:00.000Z', wrongBrowser)).toBe('2027-02-20T11:00');
    // Before the range, the browser's own data (here: UTC).
    expect(fromZonedInput('2020-11-29T11:00', wrongBrowser)).toBe('2020-11-29T11:00:00.000Z');
  });

  it('leaves an empty or malformed value unset', () => {
    expect(fromZonedInput('', casablanca)).toBeNull();
    expect(fromZonedInput('29/11/2026 11:00', casablanca)).toBeNull();
    expect(toZonedInput(null, casablanca)).toBe('');
  });
});
