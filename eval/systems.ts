/**
 * The four analyses compared by the evaluation, behind one interface:
 * (a) no normalization, (b) normalization only, (c) Lucene light10, (d) Khabar's analyzer.
 */
import { normalizeForMatch } from '../src/domain/text/normalize.js';
import { createAnalyzer } from '../src/search/analyzer.js';
import { light10Analyze } from '../src/search/analyzer/light10.js';
import { ARABIC_STOPWORDS, LATIN_STOPWORDS } from '../src/search/analyzer/stopwords.js';
import type { FieldTerms } from './bm25f.js';
import type { Article } from './corpus.js';

export interface SearchSystem {
  name: string;
  label: string;
  /** Called once per article, in corpus order, before any query. */
  analyze(article: Article): FieldTerms;
  /** Called after all articles were analyzed. */
  plan(query: string): string[][];
}

const oneGroupPerTerm = (terms: readonly string[]): string[][] => [...new Set(terms)].map((t) => [t]);

function simpleSystem(name: string, label: string, split: (text: string) => string[]): SearchSystem {
  return {
    name,
    label,
    analyze: (a) => ({ title: split(a.title), lede: split(a.lede), tags: [], body: split(a.body) }),
    plan: (q) => oneGroupPerTerm(split(q)),
  };
}

/** (a) Whitespace and punctuation only: the text as stored, like `LIKE` search without folding. */
export const rawSystem = (): SearchSystem =>
  simpleSystem('raw', '(a) no normalization', (text) => text.split(/[\s\p{P}\p{S}]+/u).filter((t) => t !== ''));

/** (b) DESIGN §6 normalization (decision 001) and letter/digit tokens; no stopwords, no stemming. */
export const normalizedSystem = (): SearchSystem =>
  simpleSystem('normalized', '(b) normalization only', (text) => normalizeForMatch(text).match(/[\p{L}\p{N}]+/gu) ?? []);

/** (c) Lucene's ArabicAnalyzer chain (light10), with our stopword list. */
export const light10System = (): SearchSystem => {
  const stopwords = new Set([...ARABIC_STOPWORDS, ...LATIN_STOPWORDS]);
  return simpleSystem('light10', '(c) Lucene light10', (text) => light10Analyze(text, { stopwords }));
};

/** (d) Khabar's analyzer, with the vocabulary of the indexed articles. */
export const khabarSystem = (): SearchSystem => {
  const analyzer = createAnalyzer();
  const df = new Map<string, number>();
  const vocabulary = { frequency: (w: string): number => df.get(w) ?? 0 };
  const split = (s: string): string[] => (s === '' ? [] : s.split(' '));
  return {
    name: 'khabar',
    label: '(d) Khabar analyzer',
    analyze(a) {
      const doc = analyzer.analyzeDocument({ title: a.title, lede: a.lede, tags: [], body: a.body });
      for (const w of doc.words) df.set(w, (df.get(w) ?? 0) + 1);
      return { title: split(doc.fields.title), lede: split(doc.fields.lede), tags: split(doc.fields.tags), body: split(doc.fields.body) };
    },
    plan(q) {
      const plan = analyzer.planQuery(q, vocabulary);
      // Phrases count as required words here (the eval's queries have none).
      return [...plan.groups, ...plan.phrases.flat().map((w) => [w])];
    },
  };
};
