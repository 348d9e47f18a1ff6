import { describe, expect, it } from 'vitest';
import { detectImageFormat, nameMatchesFormat } from '../../../src/media/detectImageFormat.js';
import { alphaPng, animatedGif, GIF_JS_POLYGLOT, photoJpeg, pngClaiming, SCRIPT_SVG } from '../../support/images.js';
import sharp from 'sharp';

describe('detectImageFormat', () => {
  it('reads the type from the bytes of real images', async () => {
    expect(detectImageFormat(await photoJpeg(32, 24))).toBe('jpeg');
    expect(detectImageFormat(await alphaPng(16, 16))).toBe('png');
    expect(detectImageFormat(await animatedGif(16, 16))).toBe('gif');
    const base = sharp({ create: { width: 16, height: 16, channels: 3, background: 'blue' } });
    expect(detectImageFormat(await base.clone().webp().toBuffer())).toBe('webp');
    expect(detectImageFormat(await base.clone().avif({ effort: 0 }).toBuffer())).toBe('avif');
  });

  it('knows nothing else: SVG, HTML, HEIC-like, empty, short', () => {
    expect(detectImageFormat(SCRIPT_SVG)).toBeNull();
    expect(detectImageFormat(Buffer.from('<html><body>hi</body></html>'))).toBeNull();
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic')]);
    expect(detectImageFormat(heic)).toBeNull();
    expect(detectImageFormat(new Uint8Array())).toBeNull();
    expect(detectImageFormat(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });

  it('takes a polyglot that starts like a GIF for a GIF (the decoder then refuses it)', () => {
    expect(detectImageFormat(GIF_JS_POLYGLOT)).toBe('gif');
    expect(detectImageFormat(pngClaiming(50_000, 50_000))).toBe('png');
  });
});

describe('nameMatchesFormat', () => {
  it('accepts the format’s own extensions in any case, and names without one', () => {
    expect(nameMatchesFormat('IMG_0001.JPG', 'jpeg')).toBe(true);
    expect(nameMatchesFormat('صورة.jpeg', 'jpeg')).toBe(true);
    expect(nameMatchesFormat('photo', 'png')).toBe(true);
    expect(nameMatchesFormat(null, 'gif')).toBe(true);
    expect(nameMatchesFormat('.hidden', 'gif')).toBe(true);
  });

  it('refuses an extension of another type', () => {
    expect(nameMatchesFormat('photo.png', 'jpeg')).toBe(false);
    expect(nameMatchesFormat('shell.php', 'jpeg')).toBe(false);
    expect(nameMatchesFormat('../../etc/passwd.svg', 'png')).toBe(false);
  });
});
