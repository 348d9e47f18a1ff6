/**
 * Spot-check helper for the judged patterns: per query, counts of grade-2 and
 * grade-1 articles, the corpus forms each concept accepts (most frequent first)
 * and a few sample titles. Run: npx tsx eval/spotcheck.ts [query id…]
 */
import { loadCorpus } from './corpus.js';
import { acceptedForms, corpusTypes, judge, prepareForJudging } from './judge.js';
import { QUERIES } from './queries.js';

const corpus = loadCorpus();
if (corpus) {
  const docs = corpus.map(prepareForJudging);
  const types = corpusTypes(docs);
  const counts = new Map<string, number>();
  for (const d of docs) for (const t of d.allTypes) counts.set(t, (counts.get(t) ?? 0) + 1);
  const wanted = new Set(process.argv.slice(2));
  const byId = new Map(corpus.map((a) => [a.id, a]));
  for (const q of QUERIES) {
    if (wanted.size > 0 && !wanted.has(q.id)) continue;
    const grades = judge(q, docs, types);
    const g2 = [...grades.values()].filter((g) => g === 2).length;
    console.log(`${q.id} ${q.query} [${q.class}] grade2=${g2} grade1=${grades.size - g2}`);
    for (const c of q.concepts) {
      const forms = acceptedForms(c, types).sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
      console.log(`   forms(${forms.length}): ${forms.slice(0, 40).map((f) => `${f}:${counts.get(f)}`).join(' ')}`);
    }
    if (wanted.size > 0) for (const [id, g] of [...grades].slice(0, 8)) console.log(`   ${g} ${byId.get(id)?.title}`);
  }
}
