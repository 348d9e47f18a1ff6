/**
 * How our normalization stage agrees with Lucene 8.7's ArabicNormalizationFilter
 * on the 3,610 real ANT tokens of reference-outputs-from-ant-tokens.jsonl, with
 * each difference put in a class (explained in docs/decisions/006).
 */
import { existsSync, readFileSync } from 'node:fs';
import { normalizeForMatch } from '../src/domain/text/normalize.js';
import { tokenize } from '../src/search/analyzer/tokenize.js';
import { REFERENCE_PATH } from './corpus.js';

export interface Agreement {
  total: number;
  same: number;
  /** Same tokens, comparing the analyzer's tokenize() (normalization + Maghrebi letters + word split). */
  sameTokenize: number;
  classes: Map<string, string[]>;
}

function differenceClass(token: string): string {
  if (/[\u0660-\u0669\u06F0-\u06F9]/u.test(token)) return 'Arabic-Indic digits folded to 0-9 (Lucene folds them later, in DecimalDigitFilter)';
  if (/[\uFB50-\uFDFF\uFE70-\uFEFF]/u.test(token)) return 'presentation forms / ligatures decomposed by NFKC';
  if (/\u0671/u.test(token)) return 'alef wasla folded';
  if (/[\u06CC\u06A9]/u.test(token)) return 'Persian yeh/keheh folded';
  if (/[\u0670\u0653-\u0655\u0610-\u061A\u06D6-\u06ED]/u.test(token)) return 'superscript alef, hamza/madda marks or Quranic marks removed';
  if (/[\u200B-\u200F\u061C\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u.test(token)) return 'invisible characters removed';
  if (/[\u06A8\u06AD\u06AF\u06A4\u067E\u0686\u0698]/u.test(token)) return 'Maghrebi/Persian letters ڨ ڤ ڭ گ پ چ ژ folded (analyzer only)';
  if (/\p{Script=Latin}/u.test(token)) return 'Latin lower-cased and accent-folded';
  return 'other';
}

export function normalizationAgreement(path = REFERENCE_PATH): Agreement | undefined {
  if (!existsSync(path)) return undefined;
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { token: string; lucene8_ArabicNormalizationFilter: string[] });
  const classes = new Map<string, string[]>();
  let same = 0;
  let sameTokenize = 0;
  for (const r of rows) {
    const lucene = r.lucene8_ArabicNormalizationFilter.join(' ');
    if (tokenize(r.token).join(' ') === lucene) sameTokenize += 1;
    if (normalizeForMatch(r.token) === lucene) {
      same += 1;
      continue;
    }
    const c = differenceClass(r.token);
    const list = classes.get(c) ?? [];
    list.push(`${r.token} → ours ${normalizeForMatch(r.token)}, Lucene ${lucene}`);
    classes.set(c, list);
  }
  return { total: rows.length, same, sameTokenize, classes };
}
