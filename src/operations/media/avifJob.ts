/** The job that makes an upload's AVIF copies, after the upload answered (one pending per item). */
export const AVIF_JOB = 'media.avif';

export function avifJobKey(mediaId: number): string {
  return `${AVIF_JOB}:${mediaId}`;
}
