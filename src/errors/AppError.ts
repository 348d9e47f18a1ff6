import type { ErrorCode } from './codes.js';

/**
 * The one error type operations throw. `code` is stable; `message` is for operators (English);
 * `details` carries structured context (a field name, an id) and never secrets.
 *
 * @example throw new AppError('SLUG_TAKEN', 'slug "مجتمع" is taken', { field: 'slug' })
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
