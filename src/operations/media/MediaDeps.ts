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
}
