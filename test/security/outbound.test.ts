import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors/AppError.js';
import { createOutboundFetch, type ResolveAll } from '../../src/net/createOutboundFetch.js';
import { isPublicAddress } from '../../src/net/isPublicAddress.js';

const NOT_PUBLIC = [
  '127.0.0.1', '127.255.255.254', '0.0.0.0', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '100.64.0.1', '100.127.255.254',
  '169.254.169.254', '169.254.0.1', '224.0.0.1', '255.255.255.255', '192.0.2.1', '198.18.0.1', '240.0.0.1',
  '::1', '::', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd00:ec2::254', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254',
  '::ffff:7f00:1', '64:ff9b::7f00:1', '2002:7f00:1::', '2001::1', '::7f00:1', '::127.0.0.1', '2001:db8::1', 'ff02::1', 'not an address', '',
];
const PUBLIC = ['8.8.8.8', '1.1.1.1', '41.248.0.1', '196.200.0.1', '2606:4700:4700::1111', '2a00:1450:4006::200e', '::ffff:8.8.8.8'];

function refusedWith(code: 'OUTBOUND_REFUSED' | 'OUTBOUND_FAILED') {
  return (error: unknown) => {
    expect(isAppError(error, code), String(error)).toBe(true);
    return true;
  };
}

async function expectRefused(promise: Promise<unknown>, code: 'OUTBOUND_REFUSED' | 'OUTBOUND_FAILED' = 'OUTBOUND_REFUSED') {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a refusal').toBeDefined();
  refusedWith(code)(caught);
}

describe('isPublicAddress', () => {
  it.each(NOT_PUBLIC)('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false));
  it.each(PUBLIC)('allows %s', (address) => expect(isPublicAddress(address)).toBe(true));
});

describe('the outbound request guard against real local servers', () => {
  let server: http.Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      const url = new URL(req.url!, 'http://x');
      const to = url.searchParams.get('to');
      if (url.pathname === '/redirect' && to) return res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to }).end();
      if (url.pathname === '/loop') return res.writeHead(302, { location: `/loop?n=${Number(url.searchParams.get('n') ?? 0) + 1}` }).end();
      if (url.pathname === '/big') return res.end(Buffer.alloc(200_000, 'x'));
      if (url.pathname === '/stream') {
        res.writeHead(200);
        const timer = setInterval(() => res.write(Buffer.alloc(10_000, 'y')), 5);
        res.on('close', () => clearInterval(timer));
        return;
      }
      if (url.pathname === '/hang') return; // never answers
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => res.end(`hello ${req.method} ${body}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses loopback by IP literal, by IPv6 forms and through a name that resolves to it (localhost)', async () => {
    const fetchOut = createOutboundFetch();
    const before = hits.length;
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
      `http://2130706433:${port}/`,
      `http://0x7f.1:${port}/`,
      `http://0177.0.0.1:${port}/`,
      `http://127.1:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://10.0.0.1/',
      'http://100.64.0.1/',
      'http://192.168.0.1/',
      'http://[fe80::1]/',
      'http://0.0.0.0/',
    ]) {
      await expectRefused(fetchOut(url));
    }
    expect(hits.length).toBe(before);
  });

  it('refuses other schemes, credentials in the URL and names with any non-public address', async () => {
    const resolve: ResolveAll = (hostname, callback) =>
      callback(null, hostname === 'mixed.test' ? [{ address: '93.184.215.14', family: 4 }, { address: '10.0.0.7', family: 4 }] : [{ address: 'fd00::5', family: 6 }]);
    const fetchOut = createOutboundFetch({ resolve });
    for (const url of ['file:///etc/passwd', 'ftp://example.com/', 'gopher://example.com/', 'data:text/plain,x', 'javascript:alert(1)', 'http://user:pw@example.com/', 'not a url']) {
      await expectRefused(fetchOut(url));
    }
    await expectRefused(fetchOut('http://mixed.test/'));
    await expectRefused(fetchOut('http://ula.test/'));
  });

  describe('with the local server standing for the internet (127.0.0.1 allowed, nothing else private)', () => {
    // The test server is the "public" host; every other non-public address stays refused.
    const isAllowedAddress = (address: string) => address === '127.0.0.1' || isPublicAddress(address);
    const names: Record<string, string> = { 'public.test': '127.0.0.1', 'internal.test': '10.1.2.3', 'metadata.test': '169.254.169.254', localhost: '::1' };
    let resolutions = 0;
    const resolve: ResolveAll = (hostname, callback) => {
      resolutions += 1;
      const address = names[hostname];
      if (!address) return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, [{ address, family: address.includes(':') ? 6 : 4 } satisfies LookupAddress]);
    };
    const fetchOut = createOutboundFetch({ isAllowedAddress, resolve, maxBytes: 100_000, timeoutMs: 1500 });

    it('fetches, posts and follows redirects between allowed hosts', async () => {
      const res = await fetchOut(`http://public.test:${port}/hello`);
      expect(res.status).toBe(200);
      expect(res.body.toString()).toBe('hello GET ');
      const posted = await fetchOut(`http://public.test:${port}/hub`, { method: 'POST', body: 'hub.mode=publish', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(posted.body.toString()).toBe('hello POST hub.mode=publish');
      const moved = await fetchOut(`http://public.test:${port}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${port}/final`)}`);
      expect(moved.url).toBe(`http://127.0.0.1:${port}/final`);
      expect(moved.body.toString()).toBe('hello GET ');
      const seeOther = await fetchOut(`http://public.test:${port}/redirect?status=303&to=/after`, { method: 'POST', body: 'x=1' });
      expect(seeOther.body.toString()).toBe('hello GET ');
    });

    it('checks every redirect: to a private IP, to a name resolving to one, to metadata, to another scheme', async () => {
      for (const to of [
        'http://10.0.0.1/',
        `http://internal.test:${port}/`,
        'http://metadata.test/latest/meta-data/',
        'http://169.254.169.254/latest/meta-data/',
        'http://[::1]/',
        `http://localhost:${port}/`,
        'file:///etc/passwd',
      ]) {
        const before = hits.length;
        await expectRefused(fetchOut(`http://public.test:${port}/redirect?to=${encodeURIComponent(to)}`));
        // The first hop was made; nothing after it.
        expect(hits.slice(before)).toEqual([`GET /redirect?to=${encodeURIComponent(to)}`]);
      }
    });

    it('follows at most 5 redirects', async () => {
      const res = await fetchOut(`http://public.test:${port}/redirect?to=${encodeURIComponent('/loop?n=1')}`).catch((error: unknown) => error);
      expect(isAppError(res, 'OUTBOUND_REFUSED')).toBe(true);
      expect(String((res as Error).message)).toContain('more than 5 redirects');
    });

    it('resolves once per connection and connects to the address it checked (no rebinding window)', async () => {
      let calls = 0;
      // A rebinding name: public the first time it is asked, internal afterwards.
      const rebinding: ResolveAll = (hostname, callback) => {
        calls += 1;
        callback(null, [{ address: calls === 1 ? '127.0.0.1' : '10.9.9.9', family: 4 }]);
      };
      const guarded = createOutboundFetch({ isAllowedAddress, resolve: rebinding });
      const res = await guarded(`http://rebind.test:${port}/once`);
      expect(res.status).toBe(200);
      expect(calls).toBe(1);
      // Asked again, the name is internal: refused.
      await expectRefused(guarded(`http://rebind.test:${port}/twice`));
      expect(resolutions).toBeGreaterThan(0);
    });

    it('caps the body size (declared or streamed) and the time', async () => {
      await expectRefused(fetchOut(`http://public.test:${port}/big`), 'OUTBOUND_FAILED');
      await expectRefused(fetchOut(`http://public.test:${port}/stream`), 'OUTBOUND_FAILED');
      const started = Date.now();
      await expectRefused(fetchOut(`http://public.test:${port}/hang`), 'OUTBOUND_FAILED');
      expect(Date.now() - started).toBeLessThan(5000);
      await expectRefused(fetchOut(`http://nowhere.test:${port}/`), 'OUTBOUND_FAILED');
    });
  });

  it('reaches private addresses only when allowPrivate is set', async () => {
    const open = createOutboundFetch({ allowPrivate: true });
    expect((await open(`http://localhost:${port}/ok`)).status).toBe(200);
    expect((await open(`http://127.0.0.1:${port}/ok`)).status).toBe(200);
  });
});
