import dns from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import { AppError } from '../errors/AppError.js';
import { isPublicAddress } from './isPublicAddress.js';

/** What `dns.lookup` with `{ all: true }` calls back with. */
export type ResolveAll = (hostname: string, callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => void;

export interface OutboundOptions {
  /** Reach loopback, private, link-local … addresses too (a test rig, an intranet CDN). Default false. */
  allowPrivate?: boolean;
  /** The whole exchange, redirects included, must end within this. Default 10 s. */
  timeoutMs?: number;
  /** Largest response body read; a larger one fails. Default 5 MB. */
  maxBytes?: number;
  /** Redirects followed (each one checked like the first request). Default 5. */
  maxRedirects?: number;
  /**
   * Which addresses may be reached (default: isPublicAddress, or any with allowPrivate). Tests let
   * their own loopback server stand for "the internet" with it.
   */
  isAllowedAddress?: (address: string) => boolean;
  /** Name resolution (default: the system's, `dns.lookup`); tests inject one. */
  resolve?: ResolveAll;
  userAgent?: string;
}

export interface OutboundRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'PURGE';
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface OutboundResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type OutboundFetch = (url: string, request?: OutboundRequest) => Promise<OutboundResponse>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const systemResolve: ResolveAll = (hostname, callback) => dns.lookup(hostname, { all: true, verbatim: true }, callback);

/**
 * The one way Khabar makes HTTP requests to other servers (WebSub pings, oEmbed, CDN purges).
 * Unless `allowPrivate`, it refuses (OUTBOUND_REFUSED) to reach any address that is not public
 * unicast (see isPublicAddress), checked on the address the connection actually uses: the name
 * is resolved inside the socket's own `lookup`, every resolved address must be public, and the
 * socket connects to one of those — so a DNS answer that changes between a check and the connect
 * (rebinding) has nothing to slip through. Redirects are followed by hand (at most `maxRedirects`),
 * each hop checked the same way; only http and https; the whole exchange is bounded in time and
 * the body in size (OUTBOUND_FAILED).
 *
 * @example
 *   const fetchOut = createOutboundFetch({ timeoutMs: 5000 });
 *   const res = await fetchOut('https://hub.example/', { method: 'POST', body: 'hub.mode=publish' });
 */
export function createOutboundFetch(options: OutboundOptions = {}): OutboundFetch {
  const allowed = options.isAllowedAddress ?? (options.allowPrivate ? () => true : isPublicAddress);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const resolve = options.resolve ?? systemResolve;
  const userAgent = options.userAgent ?? 'Khabar';

  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const usable = addresses.filter((a) => lookupOptions.family === undefined || lookupOptions.family === 0 || a.family === lookupOptions.family);
      const refused = usable.find((a) => !allowed(a.address));
      if (refused || usable.length === 0) {
        const reason = refused ? `${hostname} resolves to ${refused.address}, which is not a public address` : `${hostname} has no address`;
        return callback(new AppError('OUTBOUND_REFUSED', reason, { host: hostname }) as unknown as NodeJS.ErrnoException, '', 0);
      }
      if (lookupOptions.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, usable);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };

  function checkTarget(url: URL): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('OUTBOUND_REFUSED', `only http and https URLs are fetched, not ${url.protocol}`, { url: url.href });
    if (url.username || url.password) throw new AppError('OUTBOUND_REFUSED', 'URLs with credentials are not fetched', { url: url.origin });
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // An IP literal never goes through lookup: judge it here.
    if (net.isIP(host) && !allowed(host)) {
      throw new AppError('OUTBOUND_REFUSED', `${host} is not a public address`, { host });
    }
  }

  function once(url: URL, request: OutboundRequest, signal: AbortSignal): Promise<OutboundResponse> {
    return new Promise((resolvePromise, reject) => {
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(url, {
        method: request.method ?? 'GET',
        headers: { 'user-agent': userAgent, ...request.headers },
        lookup,
        agent: false,
        signal,
      });
      req.on('error', (error) => reject(error));
      req.on('response', (res) => {
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          res.destroy();
          return reject(new AppError('OUTBOUND_FAILED', `the answer of ${url.origin} is larger than ${maxBytes} bytes`, { url: url.href }));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            res.destroy();
            reject(new AppError('OUTBOUND_FAILED', `the answer of ${url.origin} is larger than ${maxBytes} bytes`, { url: url.href }));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => resolvePromise({ url: url.href, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.end(request.body);
    });
  }

  return async function outboundFetch(target: string, request: OutboundRequest = {}): Promise<OutboundResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new AppError('OUTBOUND_REFUSED', 'not an absolute URL', { url: target });
    }
    let current = request;
    try {
      for (let hop = 0; ; hop++) {
        checkTarget(url);
        const res = await once(url, current, controller.signal);
        const location = res.headers.location;
        if (!REDIRECTS.has(res.status) || !location) return res;
        if (hop >= maxRedirects) throw new AppError('OUTBOUND_REFUSED', `more than ${maxRedirects} redirects`, { url: url.href });
        const next = new URL(location, url);
        // 303, and 301/302 after a POST, continue as a GET without the body (what browsers do).
        const asGet = res.status === 303 || ((res.status === 301 || res.status === 302) && current.method === 'POST');
        const headers = { ...current.headers };
        if (next.origin !== url.origin) for (const name of Object.keys(headers)) if (/^(authorization|cookie)$/i.test(name)) delete headers[name];
        current = asGet ? { method: 'GET', headers } : { ...current, headers };
        url = next;
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (controller.signal.aborted) throw new AppError('OUTBOUND_FAILED', `no complete answer from ${url.origin} within ${timeoutMs} ms`, { url: url.href });
      throw new AppError('OUTBOUND_FAILED', `request to ${url.origin} failed: ${(error as Error).message}`, { url: url.href });
    } finally {
      clearTimeout(timer);
    }
  };
}
