/**
 * Pooled spot-check (as TREC pools runs): the top 10 of every system for every
 * query, listing the articles the patterns grade 0, to read them and fix the
 * patterns where a human would accept the article. Run: npx tsx eval/pool.ts
 */
import { loadCorpus } from './corpus.js';
import { buildIndex } from './bm25f.js';
import { corpusTypes, judge, prepareForJudging } from './judge.js';
import { QUERIES } from './queries.js';
import { khabarSystem, light10System, normalizedSystem, rawSystem } from './systems.js';
const corpus = loadCorpus()!;
const judged = corpus.map(prepareForJudging); const types = corpusTypes(judged);
const pool = new Map<string, Set<number>>();
for (const sys of [rawSystem(), normalizedSystem(), light10System(), khabarSystem()]) {
  const idx = buildIndex(corpus.map((a) => sys.analyze(a)));
  for (const q of QUERIES) for (const d of idx.search(sys.plan(q.query), 10)) { const s = pool.get(q.id) ?? new Set(); s.add(d); pool.set(q.id, s); }
}
for (const q of QUERIES) {
  const g = judge(q, judged, types);
  const zeros = [...(pool.get(q.id) ?? [])].filter((d) => !g.has(corpus[d]!.id));
  if (zeros.length) console.log(q.id, q.query, zeros.length, '\n   ' + zeros.slice(0, 6).map((d) => corpus[d]!.title.slice(0, 80) + ' ‖ ' + corpus[d]!.lede.slice(0, 60)).join('\n   '));
}
