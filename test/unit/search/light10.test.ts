import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { light10Analyze, light10Stem, luceneNormalize } from '../../../src/search/analyzer/light10.js';

const VECTORS = fileURLToPath(new URL('../../../../shared/data/arabic-nlp/upstream-test-vectors.jsonl', import.meta.url));
const REFERENCE = fileURLToPath(new URL('../../../../shared/data/arabic-nlp/reference-outputs-from-ant-tokens.jsonl', import.meta.url));
const present = existsSync(VECTORS);
if (!present) console.warn(`light10 vectors skipped: ${VECTORS} is absent (../shared/data is not checked out)`);
const referencePresent = existsSync(REFERENCE);
if (!referencePresent) console.warn(`light10 reference outputs skipped: ${REFERENCE} is absent`);

interface Vector { suite: string; test: string; input: string; expected: string[] }
const vectors: Vector[] = present
  ? readFileSync(VECTORS, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Vector)
  : [];
const of = (suite: string): Vector[] => vectors.filter((v) => v.suite === suite || v.suite.startsWith(`${suite} (`));

describe.skipIf(!present)('Lucene ArabicNormalizer and ArabicStemmer (light10) against the Lucene vectors', () => {
  it('has the vectors of both filters', () => {
    expect(of('lucene.ArabicNormalizationFilter').length).toBeGreaterThan(10);
    expect(of('lucene.ArabicStemFilter').length).toBeGreaterThan(10);
  });

  it.each(of('lucene.ArabicNormalizationFilter').map((v) => [v.test, v] as const))('normalizer %s', (_n, v) => {
    expect([luceneNormalize(v.input)]).toEqual(v.expected);
  });

  it.each(of('lucene.ArabicStemFilter').map((v) => [v.test, v] as const))('stemmer %s', (_n, v) => {
    expect([light10Stem(v.input)]).toEqual(v.expected);
  });

  it.each(of('lucene.whitespace+ArabicNormalization+ArabicStem').map((v) => [v.test, v] as const))(
    'whitespace + normalize + stem %s',
    (_n, v) => {
      expect(v.input.split(/\s+/).map((w) => light10Stem(luceneNormalize(w)))).toEqual(v.expected);
    },
  );

  it.each(of('lucene.whitespace+ArabicNormalization').map((v) => [v.test, v] as const))('whitespace + normalize %s', (_n, v) => {
    expect(v.input.split(/\s+/).map(luceneNormalize)).toEqual(v.expected);
  });
});

describe.skipIf(!present)('Lucene ArabicAnalyzer chain against the Lucene vectors', () => {
  // Lucene's default stopword list is not ours; the vectors only need ما and الذين, which ours has too.
  const lucene = new Set(['ما', 'الذين']);
  it.each(of('lucene.ArabicAnalyzer (default stopwords; tokenizer+lowercase+stop+normalize+stem)').map((v) => [v.input, v] as const))(
    'analyzer %s',
    (_n, v) => {
      expect(light10Analyze(v.input, { stopwords: lucene })).toEqual(v.expected);
    },
  );
  it('honours the stem exclusion set', () => {
    const [excluded, none] = [
      of('lucene.ArabicAnalyzer(stopwords=EMPTY, stemExclusion={ساهدهات})')[0],
      of('lucene.ArabicAnalyzer(stopwords=EMPTY, stemExclusion=EMPTY)')[0],
    ];
    expect(excluded && none).toBeTruthy();
    expect(light10Analyze(excluded!.input, { stemExclusion: new Set(['ساهدهات']) })).toEqual(excluded!.expected);
    expect(light10Analyze(none!.input)).toEqual(none!.expected);
  });
});

describe.skipIf(!referencePresent)('light10 against Lucene 8.7 outputs on 3,610 real ANT tokens', () => {
  interface Row { token: string; lucene8_ArabicNormalizationFilter: string[]; 'lucene8_Normalization+ArabicStemFilter': string[] }
  const rows: Row[] = referencePresent
    ? readFileSync(REFERENCE, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row)
    : [];

  it('normalizes and stems every token exactly as Lucene does', () => {
    expect(rows.length).toBeGreaterThan(3000);
    const normalizeDiffs = rows.filter((r) => luceneNormalize(r.token) !== r.lucene8_ArabicNormalizationFilter.join(' '));
    const stemDiffs = rows.filter(
      (r) =>
        r.lucene8_ArabicNormalizationFilter.map(light10Stem).join(' ') !== r['lucene8_Normalization+ArabicStemFilter'].join(' '),
    );
    expect(normalizeDiffs.map((r) => r.token)).toEqual([]);
    expect(stemDiffs.map((r) => r.token)).toEqual([]);
  });
});

describe('light10 failures the product analyzer avoids', () => {
  it('strips the root و of وزير and cuts وزارة to وزار', () => {
    expect(light10Stem(luceneNormalize('وزير'))).toBe('زير');
    expect(light10Stem(luceneNormalize('وزارة'))).toBe('زار');
  });
});
