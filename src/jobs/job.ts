/** A durable job (src/jobs/): stored in the `jobs` table, claimed by one worker at a time. */
export const jobStates = ['pending', 'running', 'done', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

export interface Job {
  id: number;
  kind: string;
  payload: unknown;
  runAt: Date;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  /** First retry delay; doubles with each attempt. */
  backoffMs: number;
  dedupeKey: string | null;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface NewJob {
  kind: string;
  payload: unknown;
  runAt: Date;
  /** Default 5. */
  maxAttempts?: number;
  /** Default 10 s. */
  backoffMs?: number;
  /** At most one pending job per key; enqueueing again replaces it. */
  dedupeKey?: string | null;
}

/** Which kinds a worker claims: only these, or all but these (a worker of its own for long jobs). */
export interface JobKindFilter {
  only?: readonly string[];
  except?: readonly string[];
}
