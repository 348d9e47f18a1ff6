import type { JobRepository } from '../store/ports.js';

/** What the job-queue gauges read at each scrape. */
export interface QueueStats {
  pending: number;
  running: number;
  failed: number;
  /** Seconds the oldest due pending job has waited past its run time (0 when none is late). */
  oldestDueAgeSeconds: number;
}

/** The job queue's depth by state and how late its oldest due job is (the metrics' queue gauges). */
export async function readQueueStats(jobs: JobRepository, now: () => Date): Promise<QueueStats> {
  const [pending, running, failed, next] = await Promise.all([
    jobs.count({ states: ['pending'] }),
    jobs.count({ states: ['running'] }),
    jobs.count({ states: ['failed'] }),
    jobs.nextRunAt(),
  ]);
  const late = next === null ? 0 : (now().getTime() - next.getTime()) / 1000;
  return { pending, running, failed, oldestDueAgeSeconds: Math.max(0, late) };
}
