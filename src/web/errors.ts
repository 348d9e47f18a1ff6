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
  RATE_LIMITED: 429,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  LOGIN_FAILED: 401,
  EMAIL_TAKEN: 409,
  INVITATION_INVALID: 410,
  DEMO_NOT_EMPTY: 409,
  INTERNAL: 500,
};
