import type { ArticleRepository } from '../../store/ports.js';
import { dayInZone } from '../site/dayInZone.js';

export interface ViewCounter {
  /** Counts one read of an article on the site's day in `timeZone` (no cookie, no identifier). */
  record(articleId: number, timeZone: string): void;
  /** Writes buffered counts to the store. */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
}

/**
 * "Most read" without cookies or third-party scripts: reads are counted in memory and written in
 * one batch every `intervalMs`, so a busy article does not cost a write per request.
 */
export function createViewCounter(options: {
  articles: ArticleRepository;
  now: () => Date;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): ViewCounter {
  let pending = new Map<number, number>();
  let pendingDay = '';
  let flushing: Promise<void> = Promise.resolve();

  const flush = () => {
    if (pending.size === 0) return flushing;
    const batch = pending;
    const day = pendingDay;
    pending = new Map();
    flushing = flushing
      .then(() => options.articles.addViews(day, batch))
      .catch((error) => options.onError?.(error));
    return flushing;
  };
  const timer = setInterval(() => void flush(), options.intervalMs ?? 10_000);
  timer.unref();

  return {
    record(articleId, timeZone) {
      const day = dayInZone(options.now(), timeZone);
      if (day !== pendingDay && pending.size > 0) void flush();
      pendingDay = day;
      pending.set(articleId, (pending.get(articleId) ?? 0) + 1);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
