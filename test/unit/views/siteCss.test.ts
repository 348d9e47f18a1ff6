import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assetsDir } from '../../../src/paths.js';

const css = readFileSync(path.join(assetsDir, 'css', 'site.css'), 'utf8');
/** Declarations only: comments removed so prose cannot trip the checks. */
const code = css.replace(/\/\*[\s\S]*?\*\//g, '');

describe('assets/css/site.css', () => {
  it('uses no physical left/right properties or values', () => {
    const physical = [
      /(?:^|[\s;{])(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)\b/m,
      /(?:^|[\s;{])(?:left|right)\s*:/m,
      /(?:^|[\s;{])border-(?:top|bottom)-(?:left|right)-radius\s*:/m,
      /text-align\s*:\s*(?:left|right)\b/,
      /float\s*:\s*(?:left|right)\b/,
      /clear\s*:\s*(?:left|right|both)\b/,
      /background-position[^;]*\b(?:left|right)\b/,
    ];
    for (const pattern of physical) expect(code).not.toMatch(pattern);
  });

  it('declares the Naskh and Kufi faces, 400 and 700, Latin then Arabic subsets, with swap and unicode-range', () => {
    const faces = code.match(/@font-face\s*{[^}]*}/g) ?? [];
    expect(faces).toHaveLength(8);
    for (const family of ['noto-naskh-arabic', 'noto-kufi-arabic']) {
      for (const weight of [400, 700]) {
        const at = (subset: string) => faces.findIndex((f) => f.includes(`/assets/fonts/${family}-${subset}-${weight}.v`));
        // Both files map the space: the face declared last wins it, so Arabic-only text needs no Latin file.
        expect(at('latin'), `${family} ${weight} latin`).toBeGreaterThanOrEqual(0);
        expect(at('arabic'), `${family} ${weight} arabic`).toBe(at('latin') + 1);
        for (const face of [faces[at('latin')]!, faces[at('arabic')]!]) {
          expect(face).toContain(`font-weight: ${weight};`);
          expect(face).toContain('font-display: swap;');
          expect(face).toMatch(/unicode-range: U\+/);
        }
      }
    }
  });

  it('keeps article text readable and long words from overflowing', () => {
    expect(code).toMatch(/\.article-body\s*{[^}]*font-size: 1\.15rem;[^}]*line-height: 1\.9;[^}]*overflow-wrap: anywhere;/);
    expect(code).toMatch(/max-inline-size: 70ch/);
    expect(code).toMatch(/img[^{]*{[^}]*max-inline-size: 100%;[^}]*block-size: auto;/);
  });

  it('has the two breakpoints and a print style', () => {
    expect(code).toContain('@media (min-width: 768px)');
    expect(code).toContain('@media (min-width: 1100px)');
    expect(code).toContain('@media print');
  });

  it('loads nothing from other origins', () => {
    expect(code).not.toMatch(/url\(\s*['"]?(?:https?:)?\/\//);
    expect(code).not.toContain('@import');
  });

  it('stays small: under 20 KB compressed (issue #8), and under 24 KB minified', () => {
    const minified = code.replace(/\s+/g, ' ').replace(/\s*([{};:,])\s*/g, '$1');
    expect(minified.length).toBeLessThan(24_000);
    expect(gzipSync(css).length).toBeLessThan(20_000);
  });
});
