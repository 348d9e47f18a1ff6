import type { NewJob } from '../../jobs/job.js';

/** The job kind of a scheduled publish; its payload is `{ articleId }`. */
export const PUBLISH_JOB = 'article.publish';

/** A publish is retried for hours (2 s doubling to 10 min between tries) before it counts as failed. */
const PUBLISH_MAX_ATTEMPTS = 50;

/** One pending publish per article: rescheduling replaces it. */
export function publishJobKey(articleId: number): string {
  return `article.publish:${articleId}`;
}

/** The job that publishes a scheduled article at `runAt` (newsroom schedules and imports alike). */
export function publishJobFor(articleId: number, runAt: Date): NewJob {
  return { kind: PUBLISH_JOB, payload: { articleId }, runAt, dedupeKey: publishJobKey(articleId), backoffMs: 2_000, maxAttempts: PUBLISH_MAX_ATTEMPTS };
}
