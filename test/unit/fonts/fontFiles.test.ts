/**
 * The committed web fonts (assets/fonts/, decision 019): what the generator makes today, what the
 * stylesheet says about them, and the licence beside them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_SUBSETS, unicodeRangeOf } from '../../../scripts/fonts/fontSubsets.js';
import { cutSubset, mappedCodePoints } from '../../../scripts/fonts/subsetFonts.js';
import { assetsDir } from '../../../src/paths.js';
import { preloadedFontHref } from '../../../src/views/components/Layout.js';

const fontsDir = path.join(assetsDir, 'fonts');
const css = readFileSync(path.join(assetsDir, 'css', 'site.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const faces = css.match(/@font-face\s*{[^}]*}/g) ?? [];

describe('assets/fonts', () => {
  it('holds exactly the generated subsets, byte for byte (run `npm run fonts:subset` when this fails)', async () => {
    const committed = readdirSync(fontsDir).filter((name) => name.endsWith('.woff2')).sort();
    expect(committed).toEqual(FONT_SUBSETS.map((s) => s.file).sort());
    for (const subset of FONT_SUBSETS) {
      const { woff2 } = await cutSubset(subset);
      expect(readFileSync(path.join(fontsDir, subset.file)).equals(woff2), `${subset.file} is stale`).toBe(true);
    }
  }, 60_000);

  it("declares each file once, with its family, weight, swap and a unicode-range equal to the file's cmap", async () => {
    expect(faces).toHaveLength(FONT_SUBSETS.length);
    for (const subset of FONT_SUBSETS) {
      const face = faces.find((f) => f.includes(`url(/assets/fonts/${subset.file})`));
      expect(face, subset.file).toBeDefined();
      expect(face).toContain(`font-family: '${subset.family}';`);
      expect(face).toContain(`font-weight: ${subset.weight};`);
      expect(face).toContain('font-display: swap;');
      const mapped = await mappedCodePoints(readFileSync(path.join(fontsDir, subset.file)));
      expect(/unicode-range: ([^;]+);/.exec(face!)?.[1], subset.file).toBe(unicodeRangeOf(mapped));
    }
  });

  it('keeps what Arabic news needs in every Arabic file, and leaves rarer letters to the system fonts', async () => {
    const needed = 'ءآأؤإئابةتثجحخدذرسشصضطظعغفقكلمنهوىي' + '\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652' + '٠١٢٣٤٥٦٧٨٩،؛؟ـ\u200c\u200d' + 'ڤڭگ';
    for (const subset of FONT_SUBSETS.filter((s) => s.script === 'arabic')) {
      const mapped = new Set(await mappedCodePoints(readFileSync(path.join(fontsDir, subset.file))));
      for (const ch of needed) expect(mapped.has(ch.codePointAt(0)!), `${subset.file} maps ${ch} U+${ch.codePointAt(0)!.toString(16)}`).toBe(true);
      // Urdu ٹ and Sindhi ڄ are not kept: the stylesheet must not claim them either.
      for (const ch of 'ٹڄ') expect(mapped.has(ch.codePointAt(0)!)).toBe(false);
    }
  });

  it('weighs at most 100 KB all together (issue #8): no page can download more, whatever it holds', () => {
    const total = FONT_SUBSETS.reduce((sum, s) => sum + statSync(path.join(fontsDir, s.file)).size, 0);
    expect(total).toBeLessThanOrEqual(100 * 1024);
  });

  it('ships the SIL Open Font License and a README saying how the files were made', () => {
    const licence = readFileSync(path.join(fontsDir, 'OFL.txt'), 'utf8');
    expect(licence).toContain('SIL OPEN FONT LICENSE Version 1.1');
    expect(licence).toContain('Copyright 2022 The Noto Project Authors');
    expect(existsSync(path.join(fontsDir, 'README.md'))).toBe(true);
  });

  it('preloads a file that exists', () => {
    expect(existsSync(path.join(assetsDir, preloadedFontHref.replace(/^\/assets\//, '')))).toBe(true);
  });
});
