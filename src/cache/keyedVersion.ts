/**
 * A version number that moves when a purge names one of the keys `matches` accepts (or '*'):
 * what `versioned()` values (site settings, the section tree) need instead of the store's global
 * content version, so a comment does not reload them. In-process; the PurgeBus brings other
 * nodes' purges.
 *
 * @example const settingsVersion = keyedVersion(bus.subscribe, (key) => key === 'settings');
 */
export function keyedVersion(subscribe: (fn: (keys: readonly string[]) => void) => () => void, matches: (key: string) => boolean): () => Promise<number> {
  let version = 0;
  subscribe((keys) => {
    if (keys.some((key) => key === '*' || matches(key))) version += 1;
  });
  return () => Promise.resolve(version);
}
