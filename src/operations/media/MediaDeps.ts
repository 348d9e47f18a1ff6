import type { ConcurrencyGate } from '../../lib/concurrencyGate.js';
import type { MediaStorage } from '../../media/MediaStorage.js';
import type { Store } from '../../store/ports.js';

/** What the media library operations need. */
export interface MediaDeps {
  store: Store;
  storage: MediaStorage;
  limits: {
    /** Largest upload in bytes. */
    maxUploadBytes: number;
    /** Most pixels (width × height × frames) an image may declare. */
    maxPixels: number;
  };
  now: () => Date;
  /** Bounds how many images are decoded at once (main.ts: 2); absent means no bound. */
  imageGate?: ConcurrencyGate;
}
