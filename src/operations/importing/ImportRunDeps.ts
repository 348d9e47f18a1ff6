import type { ResolvedConfig } from '../../config/loadConfig.js';
import type { Store } from '../../store/ports.js';
import type { MediaDeps } from '../media/MediaDeps.js';

/** What imports started from the admin need (main.ts builds it once). */
export interface ImportRunDeps {
  store: Store;
  /** Where uploads and reports live: `<dataDir>/imports` (shared by the nodes, like the media folder). */
  importsDir: string;
  /** The site configuration the importer reads (time zone, default permalink). */
  site: ResolvedConfig['site'];
  /** The media library's dependencies (the importer's, for attachments). */
  media?: MediaDeps;
  now: () => Date;
  /** Runs this node's import worker now (after a run was queued) instead of at its next poll. */
  wake?: () => void;
}

/** The durable job that runs one admin import (payload `{ runId }`). */
export const WORDPRESS_IMPORT_JOB = 'import.wordpress';

/** Path of the full report (every old URL) of run `id`. */
export const reportFileOf = (importsDir: string, id: number): string => `${importsDir}/run-${id}.report.json`;
