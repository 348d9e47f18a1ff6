import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EMBED_FRAME_ORIGINS } from '../domain/html/embedFrame.js';
import { ADMIN_CSP } from './admin-app/registerAdminApp.js';

/**
 * Reading pages run only first-party script (the click-to-load embeds script, on pages with an embed:
 * decision 017) and frame only the four embed providers, after a click; everything else they load
 * comes from this origin (images: any https).
 */
export const READING_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  `frame-src ${EMBED_FRAME_ORIGINS.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** Uploaded files (SVG included) never run script in our origin, even when opened directly. */
export const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";

/** JSON answers of the admin API load nothing and are framed nowhere. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Browser features no page of ours uses; denied so injected or framed content cannot ask for them. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

export type HeaderArea = 'reading' | 'media' | 'admin' | 'api';

/** Which policy a request path falls under (the raw path: an encoded `/%61dmin` is a reading page, the strictest). */
export function headerAreaOf(url: string): HeaderArea {
  if (url.startsWith('/media/')) return 'media';
  if (url === '/admin/api' || url.startsWith('/admin/api/') || url.startsWith('/admin/api?')) return 'api';
  if (url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?')) return 'admin';
  return 'reading';
}

const CSP_BY_AREA: Record<HeaderArea, string> = { reading: READING_CSP, media: MEDIA_CSP, admin: ADMIN_CSP, api: API_CSP };

export interface SecurityHeaderOptions {
  /** HSTS max-age for answers served over TLS; 0 sends none. */
  hstsMaxAgeSeconds: number;
}

/**
 * The security headers of one answer: CSP by area, framing (CSP `frame-ancestors` and its
 * X-Frame-Options twin for older browsers), no MIME sniffing, referrer trimmed to the origin
 * across sites, denied browser features, a separate browsing-context group, and HSTS when the
 * request came over TLS (`overTls`: what Fastify's `request.protocol` says, which reads
 * X-Forwarded-Proto only from a trusted proxy).
 *
 * @example securityHeadersFor('/feed/', false, { hstsMaxAgeSeconds: 31536000 })['x-frame-options'] // 'SAMEORIGIN'
 */
export function securityHeadersFor(url: string, overTls: boolean, options: SecurityHeaderOptions): Record<string, string> {
  const area = headerAreaOf(url);
  const headers: Record<string, string> = {
    'content-security-policy': CSP_BY_AREA[area],
    'x-content-type-options': 'nosniff',
    'x-frame-options': area === 'admin' || area === 'api' ? 'DENY' : 'SAMEORIGIN',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': PERMISSIONS_POLICY,
    'cross-origin-opener-policy': 'same-origin',
  };
  if (overTls && options.hstsMaxAgeSeconds > 0) headers['strict-transport-security'] = `max-age=${options.hstsMaxAgeSeconds}`;
  return headers;
}

/** Sets the security headers of `request`'s answer on `reply` (for answers sent outside the hooks, e.g. router refusals). */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply, options: SecurityHeaderOptions): void {
  reply.headers(securityHeadersFor(request.url, request.protocol === 'https', options));
}

/**
 * Adds the security headers to every answer the app sends — pages, JSON, feeds, redirects,
 * 304s, error pages, router refusals and static files — in `onSend`, which every reply passes
 * through (an `onRequest` hook would miss answers sent before it ran). Router refusals
 * (`frameworkErrors`) skip the hooks: their handler calls applySecurityHeaders itself.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    applySecurityHeaders(request, reply, options);
    done(null, payload);
  });
}
