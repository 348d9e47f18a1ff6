/// <reference path="./vendor.d.ts" />
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { convert } from 'fontverter';
import { Blob, Face } from 'harfbuzzjs';
import subsetFont from 'subset-font';
import { codePointsOf, type FontSubset } from './fontSubsets.js';

const require = createRequire(import.meta.url);

/**
 * OpenType name IDs kept in the subset: copyright (0), family/style/full name/version/PostScript
 * name (1–6), trademark (7), manufacturer and designer (8–12), licence text and URL (13, 14). The
 * OFL asks that the copyright notice and the licence travel with the font; the files also sit
 * beside OFL.txt.
 */
const KEPT_NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

export interface SubsetResult {
  woff2: Buffer;
  /** The code points the subset maps, read back from its cmap: what `unicode-range` must say. */
  codePoints: number[];
}

/** The code points a font (any format) maps to a glyph. */
export async function mappedCodePoints(font: Uint8Array): Promise<number[]> {
  const face = new Face(new Blob(await convert(font, 'truetype')));
  return [...face.collectUnicodes()].sort((a, b) => a - b);
}

/**
 * Cuts one subset from its @fontsource file with HarfBuzz's subsetter (WebAssembly). subset-font
 * asks HarfBuzz to keep every OpenType layout feature of the source (the Arabic files have ccmp,
 * init/medi/fina, rlig, liga, locl, pnum, tnum, mark, mkmk; the Latin ones ccmp, locl, kern,
 * mark, mkmk), and HarfBuzz keeps the glyphs those features reach from the kept characters
 * (lam-alef ligatures, positional forms, marks).
 * `keepFeatures` replaces that list (the shaping test cuts a deliberately broken subset with it).
 */
export async function cutSubset(subset: FontSubset, options: { keepFeatures?: string[] } = {}): Promise<SubsetResult> {
  const source = readFileSync(require.resolve(`${subset.source.package}/${subset.source.file}`));
  const text = String.fromCodePoint(...codePointsOf(subset.ranges));
  const sfnt = await subsetFont(source, text, { targetFormat: 'truetype', preserveNameIds: KEPT_NAME_IDS, ...options });
  return { woff2: await convert(sfnt, 'woff2'), codePoints: await mappedCodePoints(sfnt) };
}
