/**
 * Remembers the last purges so a computation can tell whether one of its keys was purged while it
 * ran (it read the store before the change; keeping its result would keep stale content).
 *
 * @example
 * const history = createPurgeHistory();
 * const started = history.now();
 * history.record(['article:1']);
 * history.purgedSince(started, ['article:1']) // true
 */
export interface PurgeHistory {
  /** The current tick; take it before reading the store. */
  now(): number;
  record(keys: readonly string[]): void;
  /** Whether a purge of any of `keys` (or of everything, '*') was recorded after `tick`. */
  purgedSince(tick: number, keys: readonly string[]): boolean;
}

export function createPurgeHistory(options: { remember?: number } = {}): PurgeHistory {
  const remember = options.remember ?? 1000;
  let tick = 0;
  const recent: Array<{ tick: number; keys: ReadonlySet<string> }> = [];
  return {
    now: () => tick,
    record(keys) {
      tick += 1;
      recent.push({ tick, keys: new Set(keys) });
      if (recent.length > remember) recent.splice(0, recent.length - remember);
    },
    purgedSince(since, keys) {
      if (since === tick) return false;
      // Older than what is remembered: assume the worst.
      if (recent.length === 0 || recent[0]!.tick > since + 1) return true;
      for (let i = recent.length - 1; i >= 0 && recent[i]!.tick > since; i--) {
        const purged = recent[i]!.keys;
        if (purged.has('*')) return true;
        for (const key of keys) if (purged.has(key)) return true;
      }
      return false;
    },
  };
}
