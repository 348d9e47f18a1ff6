import { describe, expect, it } from 'vitest';
import type { Media, MediaVariant } from '../../../src/domain/media.js';
import { createLocalMediaStorage } from '../../../src/media/createLocalMediaStorage.js';
import { presentImage } from '../../../src/web/public/presentImage.js';
import { render } from 'preact-render-to-string';
import { ResponsiveImage } from '../../../src/views/components/ResponsiveImage.js';

const storage = createLocalMediaStorage('/nonexistent-khabar-media');
const widths = (format: string, ws: number[], ext = format): MediaVariant[] => ws.map((w) => ({ key: `2026/11/abc/w${w}.${ext}`, width: w, height: Math.round(w * 0.75), format }));
const media = (variants: MediaVariant[], mimeType = 'image/jpeg', width = 2400): Media => ({
  id: 1, key: '2026/11/abc/original.jpg', mimeType, width, height: 1800, sizeBytes: 1, alt: 'بديل', caption: null, credit: null,
  focalX: null, focalY: null, originalName: null, uploadedBy: null, createdAt: new Date(0), variants,
});
const crop: MediaVariant = { key: '2026/11/abc/crop-16x9.jpg', width: 1200, height: 675, format: 'jpeg', crop: '16:9' };

describe('presentImage', () => {
  it('offers AVIF then WebP sources and keeps the fallback widths, never crops or the original, in the img', () => {
    const view = presentImage(media([...widths('jpeg', [1920, 320, 1280], 'jpg'), ...widths('webp', [320, 1280, 1920]), ...widths('avif', [320, 1920]), crop]), storage);
    expect(view.sources).toEqual([
      { type: 'image/avif', srcset: '/media/2026/11/abc/w320.avif 320w, /media/2026/11/abc/w1920.avif 1920w' },
      { type: 'image/webp', srcset: '/media/2026/11/abc/w320.webp 320w, /media/2026/11/abc/w1280.webp 1280w, /media/2026/11/abc/w1920.webp 1920w' },
    ]);
    expect(view.url).toBe('/media/2026/11/abc/w1280.jpg');
    const html = render(ResponsiveImage({ image: view, sizes: '100vw' }));
    expect(html).toBe(
      '<picture><source type="image/avif" srcset="/media/2026/11/abc/w320.avif 320w, /media/2026/11/abc/w1920.avif 1920w" sizes="100vw"/>' +
        '<source type="image/webp" srcset="/media/2026/11/abc/w320.webp 320w, /media/2026/11/abc/w1280.webp 1280w, /media/2026/11/abc/w1920.webp 1920w" sizes="100vw"/>' +
        '<img src="/media/2026/11/abc/w1280.jpg" alt="بديل" width="2400" height="1800" srcset="/media/2026/11/abc/w320.jpg 320w, /media/2026/11/abc/w1280.jpg 1280w, /media/2026/11/abc/w1920.jpg 1920w" sizes="100vw" loading="lazy" decoding="async"/></picture>',
    );
  });

  it('uses WebP in the img of a WebP upload (no WebP source twice)', () => {
    const view = presentImage(media(widths('webp', [320, 640]), 'image/webp', 640), storage);
    expect(view.sources).toEqual([]);
    expect(view.variants.map((v) => v.url)).toEqual(['/media/2026/11/abc/w320.webp', '/media/2026/11/abc/w640.webp']);
  });

  it('leaves older images (no WebP widths) as they were: original as src, no picture', () => {
    const view = presentImage(media(widths('jpeg', [480], 'jpg')), storage);
    expect(view.sources).toBeUndefined();
    expect(view.url).toBe('/media/2026/11/abc/original.jpg');
    expect(render(ResponsiveImage({ image: view, sizes: '100vw' }))).toMatch(/^<img src="\/media\/2026\/11\/abc\/original.jpg"[^>]+srcset="\/media\/2026\/11\/abc\/w480.jpg 480w, \/media\/2026\/11\/abc\/original.jpg 2400w"/);
  });
});
