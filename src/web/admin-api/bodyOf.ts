import type { FastifyRequest } from 'fastify';

/** The JSON body as a record (empty when absent or not an object); operations validate each field. */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {};
}
