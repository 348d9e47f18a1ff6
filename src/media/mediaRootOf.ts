import path from 'node:path';
import type { ResolvedConfig } from '../config/loadConfig.js';

/** The folder of the site's media files: `media/` under the data folder. */
export function mediaRootOf(config: Pick<ResolvedConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'media');
}
