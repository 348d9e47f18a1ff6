import pg from 'pg';
import { JOBS_CHANNEL } from './jobQueries.js';

/**
 * LISTEN on its own connection and call `wake` on every job notification. A lost connection is
 * not fatal: workers poll every second anyway.
 */
export function listenForJobs(connectionString: string) {
  return async (wake: () => void): Promise<() => Promise<void>> => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
    client.on('error', () => {});
    client.on('notification', (message) => {
      if (message.channel === JOBS_CHANNEL) wake();
    });
    try {
      await client.connect();
      await client.query(`listen ${JOBS_CHANNEL}`);
    } catch {
      await client.end().catch(() => {});
      return async () => {};
    }
    return async () => {
      await client.end().catch(() => {});
    };
  };
}
