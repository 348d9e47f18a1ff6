/**
 * Work started after a response was sent, tracked so shutdown can wait for it. Until the durable
 * job queue carries such work, a restart between the response and the end of a task loses the
 * task (the media library's AVIF copies: the page then serves WebP and the fallback only).
 */
export interface BackgroundTasks {
  /** Starts `work` now; its failure goes to `onError`, never to the caller. */
  run(name: string, work: () => Promise<unknown>): void;
  /** Resolves when every task started so far has ended. */
  idle(): Promise<void>;
}

export function createBackgroundTasks(options: { onError: (name: string, error: unknown) => void }): BackgroundTasks {
  const running = new Set<Promise<void>>();
  return {
    run(name, work) {
      const task: Promise<void> = Promise.resolve()
        .then(work)
        .then(
          () => {},
          (error: unknown) => options.onError(name, error),
        )
        .finally(() => running.delete(task));
      running.add(task);
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
