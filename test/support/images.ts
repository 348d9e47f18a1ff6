import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Test images made at test time with sharp (no binary fixtures in the repository): photo-like
 * pixels (smooth gradients, so encoders behave as with photographs), a red marker in the stored
 * top-left corner to prove orientation, EXIF with a secret to prove it is gone.
 */
export const EXIF_SECRET = 'EXIF-SECRET-كاميرا-123';

/** Photo-like RGB pixels: a small gradient pattern enlarged, with a red 1/8 × 1/8 block at the top-left. */
async function photoPixels(width: number, height: number): Promise<Buffer> {
  const w = 160;
  const h = Math.max(2, Math.round((160 * height) / width));
  const small = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      small[i] = 40 + Math.round(120 * (x / w) + 30 * Math.sin(y / 5));
      small[i + 1] = 60 + Math.round(140 * (y / h) + 30 * Math.cos(x / 7));
      small[i + 2] = 140 + Math.round(60 * Math.sin((x + y) / 9));
      if (x < w / 8 && y < h / 8) small.set([255, 0, 0], i);
    }
  }
  return sharp(small, { raw: { width: w, height: h, channels: 3 } }).resize({ width, height, fit: 'fill', kernel: 'cubic' }).raw().toBuffer();
}

/** A JPEG with EXIF (orientation and a copyright line holding EXIF_SECRET). */
export async function photoJpeg(width: number, height: number, orientation = 1): Promise<Buffer> {
  const pixels = await photoPixels(width, height);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Copyright: EXIF_SECRET, Artist: 'Test Camera' } })
    .withMetadata({ orientation })
    .toBuffer();
}

/** A PNG whose right half is fully transparent. */
export async function alphaPng(width: number, height: number): Promise<Buffer> {
  const px = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) px.set([20 + ((x * 3) % 200), 120, 200 - ((y * 2) % 150), x < width / 2 ? 255 : 0], (y * width + x) * 4);
  }
  return sharp(px, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

/** An animated GIF of `frames` frames. */
export async function animatedGif(width: number, height: number, frames = 3): Promise<Buffer> {
  const pages = await Promise.all(
    Array.from({ length: frames }, (_, i) =>
      sharp({ create: { width, height, channels: 4, background: { r: (i * 90) % 256, g: 80, b: 200 - i * 40, alpha: 1 } } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(pages, { join: { animated: true } }).gif({ delay: pages.map(() => 100) }).toBuffer();
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A tiny, well-formed PNG whose IHDR claims `width` × `height` (a decompression bomb's header). */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method variants, no interlace
  // One row of data is enough for a header-only reader; the rest is "missing".
  const idat = deflateSync(Buffer.alloc(1 + 3 * 64));
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** An SVG that runs script when opened. */
export const SCRIPT_SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>');

/** A GIF/JavaScript polyglot: starts like a GIF, is valid script, is no decodable image. */
export const GIF_JS_POLYGLOT = Buffer.from('GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;alert(document.domain);//', 'latin1');

/** A valid JPEG followed by an HTML page and a ZIP header (a JPEG/HTML/ZIP polyglot). */
export async function jpegHtmlPolyglot(): Promise<Buffer> {
  const jpeg = await photoJpeg(64, 48);
  return Buffer.concat([jpeg, Buffer.from('<html><script>alert("polyglot")</script></html>'), Buffer.from('PK\x03\x04polyglot-zip', 'latin1')]);
}

/** A JPEG cut in half with garbage after it. */
export async function corruptJpeg(): Promise<Buffer> {
  const jpeg = await photoJpeg(640, 480);
  const half = jpeg.subarray(0, Math.floor(jpeg.length / 2));
  return Buffer.concat([half, Buffer.from('this is not entropy-coded data'.repeat(20))]);
}

/** Builds a multipart/form-data body for app.inject. */
export function multipart(parts: Array<{ name: string; value: string } | { name: string; filename: string; contentType: string; data: Buffer }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----khabar${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('data' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n\r\n`));
      chunks.push(part.data);
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}`));
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
