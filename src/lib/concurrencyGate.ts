/**
 * Runs at most `limit` pieces of work at once; the rest wait in order. Image processing holds a
 * decoded copy of each image (up to 160 MB at the 40-MP cap), so a burst of uploads is queued
 * rather than run side by side.
 *
 * @example const gate = createConcurrencyGate(2); await gate(() => renderImageSet(bytes, 'jpeg', options));
 */
export type ConcurrencyGate = <T>(work: () => Promise<T>) => Promise<T>;

export function createConcurrencyGate(limit: number): ConcurrencyGate {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running -= 1;
    waiting.shift()?.();
  };
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      release();
    }
  };
}
