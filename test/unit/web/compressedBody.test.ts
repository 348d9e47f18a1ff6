import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressedBody, negotiateEncoding } from '../../../src/web/public/compressedBody.js';

describe('content encoding', () => {
  it('prefers brotli, then gzip, honouring q-values and *', () => {
    expect(negotiateEncoding('gzip, deflate, br')).toBe('br');
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0, identity')).toBeNull();
    expect(negotiateEncoding('identity')).toBeNull();
    expect(negotiateEncoding('')).toBeNull();
    expect(negotiateEncoding(undefined)).toBeNull();
    expect(negotiateEncoding('br;q=abc, gzip')).toBe('gzip');
    expect(negotiateEncoding(['deflate', 'gzip'])).toBe('gzip');
  });

  it('compresses once per buffer and round-trips', () => {
    const page = Buffer.from('<p>تعليق</p>'.repeat(500));
    const br = compressedBody(page, 'br');
    expect(compressedBody(page, 'br')).toBe(br);
    expect(br.length).toBeLessThan(page.length / 10);
    expect(brotliDecompressSync(br).equals(page)).toBe(true);
    expect(gunzipSync(compressedBody(page, 'gzip')).equals(page)).toBe(true);
  });
});
