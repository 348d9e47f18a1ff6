import { describe, expect, it } from 'vitest';
import { CROP_RATIOS } from '../../../src/domain/media.js';
import { cropBox, cropOutputSize, ratioValue } from '../../../src/media/cropBox.js';
import { variantWidths } from '../../../src/media/renderImageSet.js';

describe('cropBox', () => {
  it('takes the largest box of the ratio, centred by default', () => {
    expect(cropBox(4000, 3000, '16:9')).toEqual({ left: 0, top: 375, width: 4000, height: 2250 });
    expect(cropBox(4000, 3000, '1:1')).toEqual({ left: 500, top: 0, width: 3000, height: 3000 });
    expect(cropBox(3000, 4000, '4:3')).toEqual({ left: 0, top: 875, width: 3000, height: 2250 });
  });

  it('moves towards the focal point and stops at the edges', () => {
    expect(cropBox(4000, 3000, '1:1', 0, 0.5).left).toBe(0);
    expect(cropBox(4000, 3000, '1:1', 1, 0.5).left).toBe(1000);
    expect(cropBox(4000, 3000, '1:1', 0.6, 0.5).left).toBe(900);
    expect(cropBox(4000, 3000, '16:9', 0.5, 0).top).toBe(0);
    expect(cropBox(4000, 3000, '16:9', 0.5, 1).top).toBe(750);
  });

  it('stays inside the image and keeps the ratio for any size and focal point', () => {
    for (const [w, h] of [[1, 1], [7, 1000], [1000, 7], [1201, 677], [4000, 3000]] as const) {
      for (const ratio of CROP_RATIOS) {
        for (const f of [0, 0.3, 1]) {
          const box = cropBox(w, h, ratio, f, 1 - f);
          expect(box.left).toBeGreaterThanOrEqual(0);
          expect(box.top).toBeGreaterThanOrEqual(0);
          expect(box.left + box.width).toBeLessThanOrEqual(w);
          expect(box.top + box.height).toBeLessThanOrEqual(h);
          if (box.width >= 16 && box.height >= 16) expect(Math.abs(box.width / box.height - ratioValue(ratio)) / ratioValue(ratio)).toBeLessThan(0.07);
        }
      }
    }
  });

  it('writes crops at most 1,200 wide with the exact ratio', () => {
    expect(cropOutputSize({ left: 0, top: 0, width: 4000, height: 2250 }, '16:9', 1200)).toEqual({ width: 1200, height: 675 });
    expect(cropOutputSize({ left: 0, top: 0, width: 800, height: 600 }, '4:3', 1200)).toEqual({ width: 800, height: 600 });
  });
});

describe('variantWidths', () => {
  it('never exceeds the original and tops out at 1,920', () => {
    expect(variantWidths(4000)).toEqual([320, 480, 640, 768, 960, 1280, 1600, 1920]);
    expect(variantWidths(800)).toEqual([320, 480, 640, 768, 800]);
    expect(variantWidths(640)).toEqual([320, 480, 640]);
    expect(variantWidths(200)).toEqual([200]);
  });
});
