/**
 * Where media files live. Local disk now (`createLocalMediaStorage`); a shared volume or an
 * S3-compatible bucket later, behind the same interface.
 */
export interface MediaStorage {
  /** Writes a file under a storage key such as "demo/tramway.svg"; returns nothing until durable. */
  put(key: string, data: Uint8Array): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** The bytes stored under a key; NOT_FOUND when there are none. */
  read(key: string): Promise<Uint8Array>;
  /** Removes a key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** The public URL path of a key, e.g. "/media/demo/tramway.svg". */
  urlPath(key: string): string;
}
