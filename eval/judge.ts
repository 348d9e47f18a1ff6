/**
 * Graded relevance judgments from hand-written surface patterns (see eval/README.md).
 *
 * Independent of every analyzer under test: the text is only cleaned of harakat
 * and tatweel and split into runs of letters/digits (Latin lower-cased); each
 * query lists CONCEPTS, each concept a set of whole-token regexes (or a
 * sequence of them for a multi-word name) that spell out the forms a human
 * accepts, with alef/hamza/taa-marbuta variants written into the pattern.
 * Grade 2: every concept occurs in the title or lede. Grade 1: every concept
 * occurs in the article, not all in title/lede. Otherwise 0 (not listed).
 */

export interface JudgedQuery {
  id: string;
  /** The query as a reader would type it. */
  query: string;
  /** Query class for per-class results. */
  class: string;
  /** Each concept: alternatives; each alternative a token pattern or a sequence of token patterns. */
  concepts: (string | string[])[][];
  note?: string;
}

/** Pattern shorthands (upper-case Latin letters never occur in the lower-cased text). */
const SHORTHANDS: Readonly<Record<string, string>> = {
  // optional proclitics: و/ف, then ب/ك/ل, then the article; or لل
  P: '(?:[وف]?(?:لل|[بكل]?ال|[بكل])?)',
  A: '[اأإآ]',
  T: '[ةه]',
  Y: '[يى]',
  // feminine noun endings: ة/ه, plural ات, construct ت + pronoun, dual تين/تان
  F: '(?:[ةه]|ات|ت(?:ه|ها|هم|هما|نا|كم|ين|ان|ي)|ات(?:ه|ها|هم|نا))',
};

export function compilePattern(pattern: string): RegExp {
  const source = pattern.replace(/[PATYF]/g, (c) => SHORTHANDS[c] ?? c);
  return new RegExp(`^(?:${source})$`, 'u');
}

/** Harakat, superscript alef, Quranic marks and tatweel: not letters, removed before judging. */
const MARKS = /[\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06ED]/g;

/** Tokens for judging: marks removed, runs of letters/digits, Latin lower-cased. */
export function judgeTokens(text: string): string[] {
  return text.replace(MARKS, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** One compiled concept: tests whether a token sequence (with its set of types) contains it. */
export type Concept = (tokens: readonly string[], types: ReadonlySet<string>) => boolean;

/**
 * Compiles a concept against the corpus's token types: each pattern is tested
 * once per distinct token, then documents are checked by set lookups.
 */
export function compileConcept(alternatives: readonly (string | readonly string[])[], corpusTypes: Iterable<string>): Concept {
  const singles = alternatives.filter((a): a is string => typeof a === 'string').map(compilePattern);
  const sequences = alternatives.filter((a): a is string[] => Array.isArray(a)).map((seq) => seq.map(compilePattern));
  const matching = new Set<string>();
  const firsts = sequences.map(() => new Set<string>());
  for (const t of corpusTypes) {
    if (singles.some((re) => re.test(t))) matching.add(t);
    sequences.forEach((seq, k) => {
      if (seq[0]?.test(t)) firsts[k]?.add(t);
    });
  }
  return (tokens, types) => {
    for (const t of types) if (matching.has(t)) return true;
    for (const [k, seq] of sequences.entries()) {
      const first = firsts[k] as Set<string>;
      if (![...types].some((t) => first.has(t))) continue;
      for (let i = 0; i + seq.length <= tokens.length; i += 1) {
        if (!first.has(tokens[i] as string)) continue;
        if (seq.every((re, j) => re.test(tokens[i + j] as string))) return true;
      }
    }
    return false;
  };
}

export interface JudgedDocument {
  id: string;
  head: string[];
  headTypes: Set<string>;
  all: string[];
  allTypes: Set<string>;
}

export function prepareForJudging(doc: { id: string; title: string; lede: string; body: string }): JudgedDocument {
  const head = judgeTokens(`${doc.title}\n${doc.lede}`);
  const all = [...head, ...judgeTokens(doc.body)];
  return { id: doc.id, head, headTypes: new Set(head), all, allTypes: new Set(all) };
}

/** All distinct tokens of the prepared documents. */
export function corpusTypes(docs: readonly JudgedDocument[]): Set<string> {
  const types = new Set<string>();
  for (const d of docs) for (const t of d.allTypes) types.add(t);
  return types;
}

/** Grades of one query over the prepared documents: doc id → 1 or 2 (0 omitted). */
export function judge(query: JudgedQuery, docs: readonly JudgedDocument[], types: ReadonlySet<string>): Map<string, number> {
  const concepts = query.concepts.map((c) => compileConcept(c, types));
  const grades = new Map<string, number>();
  for (const d of docs) {
    if (!concepts.every((c) => c(d.all, d.allTypes))) continue;
    grades.set(d.id, concepts.every((c) => c(d.head, d.headTypes)) ? 2 : 1);
  }
  return grades;
}

/** The corpus tokens a concept accepts (for spot-checking the patterns). */
export function acceptedForms(alternatives: readonly (string | readonly string[])[], types: Iterable<string>): string[] {
  const singles = alternatives.filter((a): a is string => typeof a === 'string').map(compilePattern);
  return [...types].filter((t) => singles.some((re) => re.test(t)));
}
