import type { Job } from './job.js';

/** Runs one job; throwing makes the queue retry it after its backoff. */
export type JobHandler = (job: Job) => Promise<void>;
