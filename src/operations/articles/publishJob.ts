/** The job kind of a scheduled publish; its payload is `{ articleId }`. */
export const PUBLISH_JOB = 'article.publish';

/** One pending publish per article: rescheduling replaces it. */
export function publishJobKey(articleId: number): string {
  return `article.publish:${articleId}`;
}
