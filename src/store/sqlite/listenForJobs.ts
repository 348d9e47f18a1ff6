/** SQLite has no notifications between processes: workers rely on their one-second poll. */
export function listenForJobs() {
  return async (_wake: () => void): Promise<() => Promise<void>> => async () => {};
}
