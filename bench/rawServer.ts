/**
 * The baseline: a bare `node:http` server answering, for each measured path, the exact bytes and
 * content-type Khabar answered for it (captured once by the harness). What Khabar costs beyond
 * this is routing, store reads and rendering. Reads the pages from the JSON file named by
 * BENCH_RAW_PAGES; prints one `RAW_BENCH_READY {"port":…}` line; stops like bench/server.js.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

export interface RawPage {
  /** The request path as sent on the wire (percent-encoded). */
  path: string;
  contentType: string;
  /** The body, base64. */
  body: string;
}

const file = process.env.BENCH_RAW_PAGES;
if (!file) {
  console.error('bench/rawServer.ts: BENCH_RAW_PAGES must name the pages file');
  process.exit(2);
}
const pages = new Map<string, { headers: Record<string, string | number>; body: Buffer }>();
for (const page of JSON.parse(readFileSync(file, 'utf8')) as RawPage[]) {
  const body = Buffer.from(page.body, 'base64');
  pages.set(page.path, { headers: { 'content-type': page.contentType, 'content-length': body.byteLength }, body });
}

const server = http.createServer((request, response) => {
  const page = pages.get(request.url ?? '');
  if (!page) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('not found\n');
    return;
  }
  response.writeHead(200, page.headers);
  response.end(page.body);
});
// Same keep-alive behaviour as Fastify's defaults, so connection handling is not what differs.
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the raw server did not bind a TCP port');
  console.log(`RAW_BENCH_READY ${JSON.stringify({ port: address.port, pid: process.pid })}`);
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
