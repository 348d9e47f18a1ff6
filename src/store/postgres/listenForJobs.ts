import { JOBS_CHANNEL } from './jobQueries.js';
import { listenForChannel } from './listenForChannel.js';

/** Calls `wake` on every job notification (see listenForChannel); workers poll every second anyway. */
export function listenForJobs(connectionString: string) {
  return listenForChannel(connectionString, JOBS_CHANNEL);
}
