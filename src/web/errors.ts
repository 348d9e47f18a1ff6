import type { ErrorCode } from '../errors/codes.js';

/** The one place that maps error codes to HTTP statuses (STYLE habit 7). */
export const httpStatusOf: Record<ErrorCode, number> = {
  CONFIG_INVALID: 500,
  STORE_UNAVAILABLE: 503,
  STORE_SCHEMA_NEWER: 503,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  URI_TOO_LONG: 414,
  INVALID_INPUT: 400,
  SLUG_TAKEN: 409,
  CONFLICT: 409,
  COMMENTS_CLOSED: 403,
  COMMENT_DUPLICATE: 409,
  RATE_LIMITED: 429,
  DEMO_NOT_EMPTY: 409,
  INTERNAL: 500,
};
