import { AsyncLocalStorage } from 'node:async_hooks';

/** A running count of the store round-trips sent by one piece of work (a request). */
export interface RoundTripTally {
  count: number;
}

export interface RoundTripCounter {
  /** Counts one round-trip for the work in progress (call it from Store.observeQueries). */
  record(): void;
  /** Runs `work` with a fresh tally; every query its async work sends is counted in it. */
  within<T>(tally: RoundTripTally, work: () => T): T;
  /** Runs `work` and says how many round-trips it cost. */
  measure<T>(work: () => Promise<T>): Promise<{ result: T; roundTrips: number }>;
}

/**
 * Store round-trips per request, across awaits, with AsyncLocalStorage: queries of other work
 * going on at the same time (other requests, the job worker, view-count flushes) are not counted.
 *
 * @example
 * const counter = createRoundTripCounter();
 * store.observeQueries(() => counter.record());
 * const { roundTrips } = await counter.measure(() => app.inject({ url: '/2026/11/مقال/' }));
 */
export function createRoundTripCounter(): RoundTripCounter {
  const storage = new AsyncLocalStorage<RoundTripTally>();
  return {
    record() {
      const tally = storage.getStore();
      if (tally) tally.count++;
    },
    within: (tally, work) => storage.run(tally, work),
    async measure(work) {
      const tally: RoundTripTally = { count: 0 };
      const result = await storage.run(tally, work);
      return { result, roundTrips: tally.count };
    },
  };
}
