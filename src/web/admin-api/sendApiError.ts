import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../errors/AppError.js';
import type { ErrorCode } from '../../errors/codes.js';
import { httpStatusOf } from '../errors.js';

/**
 * The admin API's error body: `{ error: { code, message, field? } }`, English for the newsroom
 * client, with `Retry-After` (seconds) on RATE_LIMITED.
 */
export function sendApiError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let code: ErrorCode;
  let message: string;
  let field: unknown;
  let details: Record<string, unknown> | undefined;
  if (isAppError(error)) {
    // A conflict says which version is current and who saved it; a refused transition the state.
    if (error.code === 'CONFLICT' || error.code === 'INVALID_TRANSITION') details = { ...error.details };
    code = error.code;
    message = error.message;
    field = error.details.field;
    if (code === 'RATE_LIMITED') {
      const ms = Number(error.details.retryAfterMs ?? 60_000);
      reply.header('retry-after', String(Math.max(1, Math.ceil(ms / 1000))));
    }
    if (httpStatusOf[code] >= 500) request.log.error({ err: error, code }, 'admin api request failed');
  } else {
    const status = (error as FastifyError).statusCode;
    if (status === 413) {
      code = 'BODY_TOO_LARGE';
      message = 'the request body is too large';
    } else if (status === 400 || status === 415) {
      code = 'BAD_REQUEST';
      message = status === 415 ? 'send the body as application/json' : 'the request body is not valid JSON';
    } else {
      request.log.error({ err: error }, 'unexpected error in the admin api');
      code = 'INTERNAL';
      message = 'an unexpected error; it was logged';
    }
  }
  return reply
    .code(httpStatusOf[code])
    .header('cache-control', 'private, no-store')
    .send({ error: { code, message, ...(typeof field === 'string' ? { field } : {}), ...(details ? { details } : {}) } });
}
