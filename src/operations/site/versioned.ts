/**
 * A value derived from the store, reloaded only when the store's content version moved. One
 * primary-key read per `get`, and exact: a change made by any process or node is seen at once.
 */
export interface Versioned<T> {
  get(): Promise<T>;
}

export function versioned<T>(version: () => Promise<number>, load: () => Promise<T>): Versioned<T> {
  let cached: { version: number; value: Promise<T> } | null = null;
  return {
    async get() {
      const current = await version();
      if (cached === null || cached.version !== current) {
        const value = load();
        cached = { version: current, value };
        // A failed load is not kept: the next call tries again.
        value.catch(() => {
          if (cached?.value === value) cached = null;
        });
      }
      return cached.value;
    },
  };
}
