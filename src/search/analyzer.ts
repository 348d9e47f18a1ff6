/**
 * The Arabic search analyzer: one implementation used at index time and at
 * query time on both stores (DESIGN §6, issue #6, decision 006).
 *
 * First cut: normalize + tokenize only. Stemming, stopwords and variants follow.
 */
import { normalizeForMatch } from '../domain/text/normalize.js';

/** Normalized surface words the index has seen, with document frequency (vocabulary guard). */
export interface Vocabulary {
  frequency(word: string): number; // 0 when unseen
}

export interface IndexableDocument {
  title: string;
  lede: string;
  tags: readonly string[];
  body: string;
} // plain text

export interface AnalyzedDocument {
  /** Space-separated index terms per field (only letters/digits in terms: safe for FTS5/tsvector). */
  fields: { title: string; lede: string; tags: string; body: string };
  /** Normalized surface words of title, lede, body in order, space-separated (exact phrases, not stemmed). */
  surface: string;
  /** Distinct normalized surface words (what the vocabulary table counts). */
  words: string[];
}

export interface QueryPlan {
  /** Required query words: each a group of alternative index terms (OR inside a group, AND across groups). */
  groups: string[][];
  /** Exact phrases as sequences of normalized surface words. */
  phrases: string[][];
  /** Excluded words, each as alternative index terms. */
  exclude: string[][];
  /** Words dropped (stopwords, too short), to tell the reader. */
  ignored: string[];
  /** The normalized query with its words, for "did you mean" and logs. */
  normalized: string;
}

export interface AnalyzerOptions {
  /** Extra variant groups from site settings, e.g. [["مغربي","مغاربة"]]. */
  variants?: readonly (readonly string[])[];
}

export interface Analyzer {
  analyzeDocument(doc: IndexableDocument): AnalyzedDocument;
  planQuery(query: string, vocabulary: Vocabulary): QueryPlan;
  /** [start, end) offsets in `text` (the original, unnormalized text) of words that match the plan: for highlighted snippets. */
  matchSpans(text: string, plan: QueryPlan): Array<[number, number]>;
}

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_GROUPS = 16;

function tokens(text: string): string[] {
  return normalizeForMatch(text).match(WORD) ?? [];
}

export function createAnalyzer(_options: AnalyzerOptions = {}): Analyzer {
  return {
    analyzeDocument(doc) {
      const title = tokens(doc.title);
      const lede = tokens(doc.lede);
      const tags = doc.tags.flatMap(tokens);
      const body = tokens(doc.body);
      const surface = [...title, ...lede, ...body];
      return {
        fields: { title: title.join(' '), lede: lede.join(' '), tags: tags.join(' '), body: body.join(' ') },
        surface: surface.join(' '),
        words: [...new Set(surface)],
      };
    },
    planQuery(query) {
      const groups: string[][] = [];
      const phrases: string[][] = [];
      const exclude: string[][] = [];
      const q = String(query ?? '').slice(0, 2000);
      const quoted = /"([^"]*)"/g;
      for (const m of q.matchAll(quoted)) {
        const words = tokens(m[1] ?? '');
        if (words.length > 0) phrases.push(words);
      }
      for (const raw of q.replace(quoted, ' ').split(/\s+/u)) {
        const negative = raw.startsWith('-');
        for (const w of tokens(negative ? raw.slice(1) : raw)) (negative ? exclude : groups).push([w]);
      }
      return {
        groups: groups.slice(0, MAX_GROUPS),
        phrases,
        exclude,
        ignored: [],
        normalized: normalizeForMatch(q),
      };
    },
    matchSpans(text, plan) {
      const wanted = new Set([...plan.groups.flat(), ...plan.phrases.flat()]);
      const spans: Array<[number, number]> = [];
      for (const m of text.matchAll(/[\p{L}\p{M}\p{N}\u0640]+/gu)) {
        const norm = tokens(m[0]);
        if (norm.some((t) => wanted.has(t))) spans.push([m.index, m.index + m[0].length]);
      }
      return spans;
    },
  };
}
