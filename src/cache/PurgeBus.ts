/**
 * Purges travelling between the writers and every cache that must forget something: this
 * process's page cache and read memo, other processes and nodes (through the store), and — wired
 * by the scale-out work — Varnish/CDNs. Keys are surrogate keys (src/domain/surrogateKeys.ts);
 * an unknown key is harmless.
 *
 * @example
 * const stop = bus.subscribe((keys) => pageCache.purge(keys));
 * await bus.publish(['article:12']);
 */
export interface PurgeBus {
  /** Purges `keys` everywhere: recorded in the store, so every node applies it. */
  publish(keys: readonly string[]): Promise<void>;
  /** Calls `fn` with the keys of every purge, from this process or any other. Returns the unsubscribe. */
  subscribe(fn: (keys: readonly string[]) => void): () => void;
  close(): Promise<void>;
}
