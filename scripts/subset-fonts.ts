// `npm run fonts:subset`: cuts the reading site's web fonts from the @fontsource packages into
// assets/fonts/ (decision 019), copies the OFL licence beside them and prints the @font-face rules
// for assets/css/site.css. Run it after changing scripts/fonts/fontSubsets.ts (and bump
// SUBSET_VERSION there, since font URLs are cached as immutable), then commit the files.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { assetsDir } from '../src/paths.js';
import { FONT_SUBSETS, unicodeRangeOf } from './fonts/fontSubsets.js';
import { cutSubset } from './fonts/subsetFonts.js';

const require = createRequire(import.meta.url);
const fontsDir = path.join(assetsDir, 'fonts');
mkdirSync(fontsDir, { recursive: true });
for (const name of readdirSync(fontsDir)) if (name.endsWith('.woff2')) rmSync(path.join(fontsDir, name));

const rules: string[] = [];
for (const subset of FONT_SUBSETS) {
  const { woff2, codePoints } = await cutSubset(subset);
  writeFileSync(path.join(fontsDir, subset.file), woff2);
  console.error(`${subset.file}: ${woff2.length} bytes, ${codePoints.length} code points`);
  rules.push(
    [
      '@font-face {',
      `  font-family: '${subset.family}';`,
      '  font-style: normal;',
      `  font-weight: ${subset.weight};`,
      '  font-display: swap;',
      `  src: url(/assets/fonts/${subset.file}) format('woff2');`,
      `  unicode-range: ${unicodeRangeOf(codePoints)};`,
      '}',
    ].join('\n'),
  );
}
copyFileSync(require.resolve('@fontsource/noto-naskh-arabic/LICENSE'), path.join(fontsDir, 'OFL.txt'));
console.log(rules.join('\n\n'));
