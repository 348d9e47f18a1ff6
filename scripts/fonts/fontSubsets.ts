/**
 * What the reading site's web fonts keep, and where they come from (decision 019). Shared by the
 * generator (`npm run fonts:subset`) and the tests that check the committed files and the
 * stylesheet's `unicode-range` against it.
 */

/** An inclusive range of code points. */
export type CodePointRange = readonly [first: number, last: number];

/**
 * Arabic as news text uses it: the letters, tatweel, harakat and the combining hamza/madda, the
 * Arabic-Indic digits and signs, Arabic comma/semicolon/question mark, superscript alef; the four
 * Maghrebi letters that Maghrebi news writes (ڤ ڨ ڭ گ, seen in the shared Tunisian and Moroccan
 * corpora) and the five commonest Persian/Urdu ones (پ چ ژ ک ی, in foreign names); the lam-alef
 * and letter presentation forms (text pasted from old PDFs); space, no-break space and the joiners
 * and direction marks. Everything else of the Arabic blocks is left to the system fonts: the
 * stylesheet's `unicode-range` names only these, so the browser falls back per character.
 */
export const ARABIC_RANGES: readonly CodePointRange[] = [
  [0x0020, 0x0020],
  [0x00a0, 0x00a0],
  [0x060c, 0x060c],
  [0x061b, 0x061b],
  [0x061f, 0x061f],
  [0x0621, 0x063a],
  [0x0640, 0x0655],
  [0x0660, 0x066d],
  [0x0670, 0x0670],
  [0x067e, 0x067e],
  [0x0686, 0x0686],
  [0x0698, 0x0698],
  [0x06a4, 0x06a4],
  [0x06a8, 0x06a8],
  [0x06a9, 0x06a9],
  [0x06ad, 0x06ad],
  [0x06af, 0x06af],
  [0x06cc, 0x06cc],
  [0x200c, 0x200f],
  [0xfe70, 0xfe74],
  [0xfe76, 0xfefc],
];

/**
 * Latin as it appears inside Arabic news: ASCII (Latin digits are the Maghreb's digits, and
 * names, brands and URLs), Latin-1 (French names: é, è, à, ç; « », °, ×), the typographic
 * dashes, quotes, bullet and ellipsis, and the euro sign.
 */
export const LATIN_RANGES: readonly CodePointRange[] = [
  [0x0020, 0x007e],
  [0x00a0, 0x00ff],
  [0x2013, 0x2014],
  [0x2018, 0x2019],
  [0x201c, 0x201d],
  [0x2022, 0x2022],
  [0x2026, 0x2026],
  [0x20ac, 0x20ac],
];

export interface FontSubset {
  /** The CSS family name. */
  family: string;
  weight: 400 | 700;
  script: 'arabic' | 'latin';
  /** The @fontsource package and its file the subset is cut from. */
  source: { package: string; file: string };
  /** The committed file under assets/fonts/. */
  file: string;
  ranges: readonly CodePointRange[];
}

/** Bumped whenever what a file holds changes: font URLs are cached for a year as immutable. */
export const SUBSET_VERSION = 1;

const families = [
  { family: 'Noto Naskh Arabic', id: 'noto-naskh-arabic' },
  { family: 'Noto Kufi Arabic', id: 'noto-kufi-arabic' },
] as const;

/**
 * The eight files: Naskh and Kufi, 400 and 700, Latin and Arabic. Latin comes first: both map the
 * space, and for code points in two faces' ranges the browser takes the face declared last, so a
 * page of Arabic text alone needs no Latin file.
 */
export const FONT_SUBSETS: readonly FontSubset[] = families.flatMap(({ family, id }) =>
  ([400, 700] as const).flatMap((weight) =>
    (['latin', 'arabic'] as const).map((script) => ({
      family,
      weight,
      script,
      source: { package: `@fontsource/${id}`, file: `files/${id}-${script}-${weight}-normal.woff2` },
      file: `${id}-${script}-${weight}.v${SUBSET_VERSION}.woff2`,
      ranges: script === 'arabic' ? ARABIC_RANGES : LATIN_RANGES,
    })),
  ),
);

/** Every code point of `ranges`, ascending. */
export function codePointsOf(ranges: readonly CodePointRange[]): number[] {
  const out = new Set<number>();
  for (const [first, last] of ranges) for (let cp = first; cp <= last; cp += 1) out.add(cp);
  return [...out].sort((a, b) => a - b);
}

/** A CSS `unicode-range` value listing exactly `codePoints` (collapsed into runs). */
export function unicodeRangeOf(codePoints: Iterable<number>): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const hex = (cp: number) => cp.toString(16).toUpperCase().padStart(4, '0');
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    runs.push(i === j ? `U+${hex(sorted[i]!)}` : `U+${hex(sorted[i]!)}-${hex(sorted[j]!)}`);
    i = j + 1;
  }
  return runs.join(',');
}
