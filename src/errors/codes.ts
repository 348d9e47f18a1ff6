/**
 * The closed catalogue of error codes. Every code is documented in docs/errors.md (a test checks).
 * Operators and scripts may match on codes; never on message text.
 */
export const errorCodes = {
  // configuration and start-up
  CONFIG_INVALID: 'a configuration value is missing or malformed',
  STORE_UNAVAILABLE: 'the store cannot be opened or reached',
  STORE_SCHEMA_NEWER: 'the store was migrated by a newer Khabar',
  // requests
  BAD_REQUEST: 'the request is malformed (e.g. broken percent-encoding)',
  NOT_FOUND: 'nothing lives at this address',
  URI_TOO_LONG: 'the request URL is longer than 8 KB',
  BODY_TOO_LARGE: 'the request body is larger than the configured limit (server.bodyLimitBytes)',
  // content
  INVALID_INPUT: 'an operation received input that fails validation',
  SLUG_TAKEN: 'the slug is already used by another item of the same kind',
  CONFLICT: 'the item was changed by someone else since it was read',
  INVALID_TRANSITION: "the article's state does not allow this workflow action",
  PREVIEW_INVALID: 'the preview link is forged or expired',
  COMMENTS_CLOSED: 'comments are closed on this article (or it is not published)',
  COMMENT_DUPLICATE: 'the same comment was already posted on this article by the same person',
  RATE_LIMITED: 'too many requests in a short time; retry later',
  // accounts and access
  UNAUTHENTICATED: 'no valid session: log in first',
  FORBIDDEN: 'the signed-in role may not do this',
  CSRF_INVALID: 'a mutation without a valid CSRF token or from another origin',
  LOGIN_FAILED: 'the email or the password is wrong',
  EMAIL_TAKEN: 'another account already uses this email',
  INVITATION_INVALID: 'the invitation link is unknown, used or expired',
  // media library
  MEDIA_TYPE_UNSUPPORTED: 'the uploaded file is not a JPEG, PNG, WebP, GIF or AVIF image (checked by content)',
  MEDIA_TYPE_MISMATCH: 'the file name says one image type and the content is another',
  MEDIA_TOO_LARGE: 'the uploaded file is larger than the configured size cap',
  MEDIA_TOO_MANY_PIXELS: 'the image has more pixels than the configured pixel cap (checked before decoding)',
  MEDIA_CORRUPT: 'the file starts like an image but cannot be decoded',
  MEDIA_IN_USE: 'the media item is the featured image of an article',
  // imports
  WXR_MALFORMED: 'the WordPress export is not well-formed XML (the message names the line and column); nothing was written',
  IMPORT_TOO_LARGE: 'the uploaded export is larger than the configured cap (imports.maxUploadBytes)',
  WXR_INVALID: 'the file is XML but not a WordPress export (no <rss> root or no WordPress export namespace); nothing was written',
  IMPORT_CANCELLED: "the import was cancelled (the admin's Cancel, or Ctrl-C) while the file was being checked: nothing was written",
  IMPORT_FINISHED: 'the import has already ended (done, failed or cancelled): there is nothing to cancel',
  // outbound requests (WebSub, oEmbed, CDN purge)
  OUTBOUND_REFUSED: 'an outbound request was refused: a non-public address, a scheme other than http(s) or too many redirects',
  OUTBOUND_FAILED: 'an outbound request failed: no answer in time, an answer too large, or a network error',
  // CLI
  DEMO_NOT_EMPTY: 'demo content is only loaded into an empty store',
  BACKUP_INVALID: 'the file is not a Khabar backup, is of the other kind of store, or would overwrite a site without --force',
  BACKUP_FAILED: 'a tool the backup or restore runs (tar, pg_dump, pg_restore) failed',
  INTERNAL: 'an unexpected error (a bug); details are logged, never shown to readers',
} as const;

export type ErrorCode = keyof typeof errorCodes;
