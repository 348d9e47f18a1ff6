import { zonedTime } from '../../domain/text/zonedTime.js';

/** The calendar day (YYYY-MM-DD) of `date` in a time zone: "most read" counts by the site's day. */
export function dayInZone(date: Date, timeZone: string): string {
  return zonedTime(timeZone).day(date);
}
