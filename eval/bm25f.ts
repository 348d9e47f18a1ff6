/**
 * An in-memory BM25F index, the same for every system under evaluation, so that
 * only the analysis differs. Field weights title > lede > tags > body.
 *
 * A query is a list of groups (alternative terms, OR); the pseudo-frequencies of
 * a group's terms add up. Ranking is coordination first (articles matching every
 * group, then those matching fewer: the product's "all words, then any word"),
 * then BM25F score, then corpus order for ties.
 */

export const FIELDS = ['title', 'lede', 'tags', 'body'] as const;
export type Field = (typeof FIELDS)[number];
export type FieldTerms = Record<Field, readonly string[]>;

export const FIELD_WEIGHTS: Readonly<Record<Field, number>> = { title: 3, lede: 2, tags: 1.5, body: 1 };
const K1 = 1.2;
const B = 0.75;

export interface Bm25fIndex {
  /** Ranked document numbers (corpus order) for the groups, at most `limit`. */
  search(groups: readonly (readonly string[])[], limit: number): number[];
  readonly size: number;
  readonly terms: number;
}

export function buildIndex(docs: readonly FieldTerms[]): Bm25fIndex {
  const n = docs.length;
  const avg: Record<Field, number> = { title: 0, lede: 0, tags: 0, body: 0 };
  for (const d of docs) for (const f of FIELDS) avg[f] += d[f].length / Math.max(n, 1);
  // term → [doc, pseudoTf, doc, pseudoTf, …]
  const postings = new Map<string, number[]>();
  docs.forEach((d, doc) => {
    const tf = new Map<string, number>();
    for (const f of FIELDS) {
      const len = d[f].length;
      if (len === 0) continue;
      const norm = FIELD_WEIGHTS[f] / (1 - B + (B * len) / Math.max(avg[f], 1e-9));
      for (const t of d[f]) tf.set(t, (tf.get(t) ?? 0) + norm);
    }
    for (const [t, w] of tf) {
      let list = postings.get(t);
      if (list === undefined) postings.set(t, (list = []));
      list.push(doc, w);
    }
  });
  return {
    size: n,
    terms: postings.size,
    search(groups, limit) {
      const score = new Map<number, number>();
      const matched = new Map<number, number>();
      for (const group of groups) {
        const tf = new Map<number, number>();
        for (const term of new Set(group)) {
          const list = postings.get(term);
          if (list === undefined) continue;
          for (let i = 0; i < list.length; i += 2) {
            const doc = list[i] as number;
            tf.set(doc, (tf.get(doc) ?? 0) + (list[i + 1] as number));
          }
        }
        const df = tf.size;
        if (df === 0) continue;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        for (const [doc, t] of tf) {
          score.set(doc, (score.get(doc) ?? 0) + (idf * t * (K1 + 1)) / (t + K1));
          matched.set(doc, (matched.get(doc) ?? 0) + 1);
        }
      }
      return [...score.keys()]
        .sort((a, b) => (matched.get(b) ?? 0) - (matched.get(a) ?? 0) || (score.get(b) ?? 0) - (score.get(a) ?? 0) || a - b)
        .slice(0, limit);
    },
  };
}
