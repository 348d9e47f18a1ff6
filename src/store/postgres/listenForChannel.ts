import pg from 'pg';

/**
 * LISTEN to `channel` on a connection of its own and call `wake` on every notification. A lost
 * connection is not fatal: callers poll as well (jobs every second, purges every second).
 */
export function listenForChannel(connectionString: string, channel: string) {
  return async (wake: () => void): Promise<() => Promise<void>> => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
    client.on('error', () => {});
    client.on('notification', (message) => {
      if (message.channel === channel) wake();
    });
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch {
      await client.end().catch(() => {});
      return async () => {};
    }
    return async () => {
      await client.end().catch(() => {});
    };
  };
}
