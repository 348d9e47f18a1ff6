import type { ServerOptions } from 'node:http';
import type { Config } from '../config/schema.js';

/** The Fastify factory options that bound what one client can hold or send. */
export interface ProtocolLimits {
  trustProxy: boolean | string[];
  bodyLimit: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket: number;
  http: ServerOptions;
}

/**
 * Fastify's server options from `config.server`: who may set X-Forwarded-*, body size (413),
 * head size (431), the time a client may take to send its head and its whole request (408,
 * idle sockets that never send anything included), idle keep-alive and silent connections, and
 * requests per connection. Node checks the two request timeouts on a timer; it runs often enough
 * that a timeout fires at most a quarter late.
 *
 * @example Fastify({ ...serverOptionsOf(config.server) })
 */
export function serverOptionsOf(server: Config['server']): ProtocolLimits {
  return {
    trustProxy: server.trustProxy,
    bodyLimit: server.bodyLimitBytes,
    requestTimeout: server.requestTimeoutMs,
    keepAliveTimeout: server.keepAliveTimeoutMs,
    connectionTimeout: server.connectionTimeoutMs,
    maxRequestsPerSocket: server.maxRequestsPerSocket,
    http: {
      maxHeaderSize: server.maxHeaderBytes,
      headersTimeout: Math.min(server.headersTimeoutMs, server.requestTimeoutMs),
      requestTimeout: server.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(Math.min(server.headersTimeoutMs, server.requestTimeoutMs) / 4))),
    },
  };
}
