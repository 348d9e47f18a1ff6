import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AdminApp, AdminAppFile } from './loadAdminApp.js';

/**
 * The newsroom app's CSP: scripts and styles only from this origin (Vite's build has no inline
 * script; Tiptap's injected <style> is turned off), `style-src-attr 'unsafe-inline'` for the style
 * attributes ProseMirror sets on table columns, images from anywhere over https (article images),
 * no framing, no plugins, API calls to this origin only.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function send(request: FastifyRequest, reply: FastifyReply, file: AdminAppFile, cacheControl: string) {
  reply.header('content-type', file.type).header('cache-control', cacheControl).header('etag', file.etag);
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.send(file.body);
}

/**
 * Serves the admin app at /admin: hashed assets under /admin/assets/ cached for a year
 * (immutable), and index.html (never cached) for /admin and every other /admin/* path, so the
 * app's own routes survive a reload. /admin/api/* is the API's (registered separately; its more
 * specific routes win). Without a build, /admin answers 503 with the command that makes one.
 */
export function registerAdminApp(app: FastifyInstance, adminApp: AdminApp | null, sendNotFound: (reply: FastifyReply) => unknown): void {
  const serveIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!adminApp) {
      return reply
        .code(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('The admin app is not built: run `npm run build` (or `npm install`), then restart.\n');
    }
    return send(request, reply, adminApp.index, 'no-cache');
  };
  app.get('/admin', serveIndex);
  app.get('/admin/*', serveIndex);
  app.get('/admin/assets/*', async (request, reply) => {
    const file = adminApp?.assets.get(request.url.split('?')[0] ?? '');
    if (!file) return sendNotFound(reply);
    return send(request, reply, file, 'public, max-age=31536000, immutable');
  });
}
