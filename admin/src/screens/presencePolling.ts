/** What the poller needs of the page: timers and the tab's visibility (a fake in unit tests). */
export interface PollEnvironment {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  hidden(): boolean;
  /** Calls `listener` when the tab is shown or hidden; returns the unsubscribe. */
  onVisibilityChange(listener: () => void): () => void;
}

/** The browser's own timers and `document.visibilityState`. */
export function browserPollEnvironment(): PollEnvironment {
  return {
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    hidden: () => document.visibilityState === 'hidden',
    onVisibilityChange(listener) {
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  };
}

/** Seconds between heartbeats: well inside the server's one-minute presence window. */
export const HEARTBEAT_INTERVAL_MS = 20_000;

/**
 * Sends `beat` now and every `intervalMs` while the tab is visible, passing each answer to
 * `onResult`; a hidden tab sends nothing (its presence lapses after a minute) and beats again as soon
 * as it is shown. A failed beat is skipped, the next one is still scheduled. Returns `stop`: no beat
 * and no result after it.
 */
export function pollWhileVisible<T>(options: { beat: () => Promise<T>; onResult: (value: T) => void; intervalMs?: number; env: PollEnvironment }): () => void {
  const { beat, onResult, env } = options;
  const interval = options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  let timer: unknown = null;
  let stopped = false;
  let inFlight = false;

  const schedule = () => {
    if (timer !== null) env.clearTimeout(timer);
    timer = stopped || env.hidden() ? null : env.setTimeout(run, interval);
  };
  function run() {
    timer = null;
    if (stopped || env.hidden() || inFlight) return;
    inFlight = true;
    beat().then(
      (value) => {
        inFlight = false;
        if (!stopped) onResult(value);
        schedule();
      },
      () => {
        inFlight = false;
        schedule();
      },
    );
  }
  const unsubscribe = env.onVisibilityChange(() => {
    if (env.hidden()) {
      if (timer !== null) env.clearTimeout(timer);
      timer = null;
    } else if (timer === null) run();
  });
  run();
  return () => {
    stopped = true;
    if (timer !== null) env.clearTimeout(timer);
    timer = null;
    unsubscribe();
  };
}
