import type { OffsetTransition } from './text/offsetTransitions.js';

/**
 * What every newsroom role needs of the site's settings (GET /admin/api/site): its name, language
 * and clock, since publish times are typed in its zone. Shared by the server and the admin app.
 */
export interface SiteBasics {
  name: string;
  locale: string;
  timeZone: string;
  permalink: string;
  /** The zone's UTC offsets from a year ago to two years ahead, by the server's tz data (browsers' can be stale). */
  offsets: OffsetTransition[];
}
