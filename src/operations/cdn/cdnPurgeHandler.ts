import type { JobHandler } from '../../jobs/JobHandler.js';
import type { Metrics } from '../../web/metrics.js';
import type { CdnPurgePayload } from './enqueueCdnPurge.js';

export interface CdnPurgeHandlerDeps {
  /** config.cdn.purgeEndpoints: a job for an endpoint no longer configured is dropped. */
  endpoints: readonly string[];
  /** Sent as X-Khabar-Purge-Secret (config.cdn.purgeSecret). */
  secret: string | null;
  /**
   * How the PURGE is sent: the outbound guard (src/net/createOutboundFetch.ts; a Varnish on a
   * private address needs `outbound.allowPrivate`). Nothing else may send it.
   */
  send: (url: string, request: { method: 'PURGE'; headers: Record<string, string> }) => Promise<{ status: number }>;
  now: () => Date;
  metrics?: Pick<Metrics, 'purgeLag' | 'purgeFailures'>;
}

/**
 * The `cdn.purge` job: `PURGE <endpoint>` with `xkey-purge: <keys>` (what deploy/varnish/khabar.vcl
 * accepts). Anything but a 2xx throws, and the queue retries with its backoff. Fastify/Cloudflare
 * style APIs take the same keys (docs/operations.md).
 */
export function cdnPurgeHandler(deps: CdnPurgeHandlerDeps): JobHandler {
  const { send } = deps;
  return async function purgeAtEndpoint(job) {
    const payload = job.payload as CdnPurgePayload;
    if (!deps.endpoints.includes(payload.endpoint)) return;
    const headers: Record<string, string> = { 'xkey-purge': payload.keys.join(' ') };
    if (deps.secret) headers['x-khabar-purge-secret'] = deps.secret;
    let status: number;
    try {
      status = (await send(payload.endpoint, { method: 'PURGE', headers })).status;
    } catch (error) {
      deps.metrics?.purgeFailures.inc({ target: 'cdn' });
      throw new Error(`purge at ${payload.endpoint} failed: ${(error as Error).message}`, { cause: error });
    }
    if (status < 200 || status > 299) {
      deps.metrics?.purgeFailures.inc({ target: 'cdn' });
      throw new Error(`purge at ${payload.endpoint} answered HTTP ${status}`);
    }
    deps.metrics?.purgeLag.observe({ target: 'cdn' }, Math.max(0, deps.now().getTime() - Date.parse(payload.changedAt)) / 1000);
  };
}
