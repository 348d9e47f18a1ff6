/**
 * `npm run eval:search`: search quality of four analyses on the JawharaFM corpus.
 *
 * Indexes the 10,161 articles in memory with each system, ranks the judged
 * queries with the same BM25F, and reports nDCG@10, MAP, P@10 and recall@100
 * overall and per query class. Writes eval/judgments.tsv and eval/RESULTS.md.
 * Exits 1 when a floor of issue #6 is missed (ours ≥ light10 + 10% nDCG@10,
 * ours > normalization only, normalization agreement with Lucene ≥ 99%).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizationAgreement } from './agreement.js';
import { buildIndex, type FieldTerms } from './bm25f.js';
import { loadCorpus } from './corpus.js';
import { corpusTypes, judge, prepareForJudging } from './judge.js';
import { averagePrecision, ndcgAt, precisionAt, recallAt } from './metrics.js';
import { QUERIES } from './queries.js';
import { khabarSystem, light10System, normalizedSystem, rawSystem, type SearchSystem } from './systems.js';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));
const RANK_DEPTH = 1000;

interface Scores { ndcg10: number; map: number; p10: number; r100: number }
const METRICS: (keyof Scores)[] = ['ndcg10', 'map', 'p10', 'r100'];
const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const fmt = (x: number): string => x.toFixed(3);

function main(): number {
  const started = Date.now();
  const corpus = loadCorpus();
  if (corpus === undefined) return 0;
  const ids = corpus.map((a) => a.id);

  // Judgments: from the patterns, independent of the systems.
  const judged = corpus.map(prepareForJudging);
  const types = corpusTypes(judged);
  const judgments = new Map(QUERIES.map((q) => [q.id, judge(q, judged, types)]));
  const tsv = ['query\tdoc\tgrade'];
  for (const q of QUERIES) {
    const grades = judgments.get(q.id) ?? new Map<string, number>();
    for (const id of ids) if (grades.has(id)) tsv.push(`${q.id}\t${id}\t${grades.get(id)}`);
  }
  writeFileSync(here('judgments.tsv'), `${tsv.join('\n')}\n`);
  const judgeSeconds = (Date.now() - started) / 1000;

  const systems: SearchSystem[] = [rawSystem(), normalizedSystem(), light10System(), khabarSystem()];
  const perQuery = new Map<string, Map<string, Scores>>(); // system → query → scores
  const timings: string[] = [];
  for (const system of systems) {
    const t0 = Date.now();
    const docs: FieldTerms[] = corpus.map((a) => system.analyze(a));
    const index = buildIndex(docs);
    const t1 = Date.now();
    const scores = new Map<string, Scores>();
    for (const q of QUERIES) {
      const ranked = index.search(system.plan(q.query), RANK_DEPTH).map((d) => ids[d] as string);
      const grades = judgments.get(q.id) ?? new Map<string, number>();
      scores.set(q.id, {
        ndcg10: ndcgAt(10, ranked, grades),
        map: averagePrecision(ranked, grades),
        p10: precisionAt(10, ranked, grades),
        r100: recallAt(100, ranked, grades),
      });
    }
    perQuery.set(system.name, scores);
    timings.push(`${system.label}: index ${((t1 - t0) / 1000).toFixed(1)} s (${index.terms} terms), ${QUERIES.length} queries ${((Date.now() - t1) / 1000).toFixed(2)} s`);
  }

  const avg = (system: string, queryIds: string[], m: keyof Scores): number =>
    mean(queryIds.map((id) => perQuery.get(system)?.get(id)?.[m] ?? 0));
  const allIds = QUERIES.map((q) => q.id);
  const classes = [...new Set(QUERIES.map((q) => q.class))];

  const lines: string[] = [];
  lines.push('# Search quality: results of `npm run eval:search`', '');
  lines.push(`Corpus: ANT v1.1 JawharaFM, ${corpus.length} articles. Queries: ${QUERIES.length} (eval/queries.ts), graded judgments from surface patterns (eval/judgments.tsv, method in eval/README.md): ${[...judgments.values()].reduce((s, g) => s + g.size, 0)} judged (query, article) pairs.`);
  lines.push('Same BM25F for every system (field weights title 3, lede 2, tags 1.5, body 1; k1 1.2, b 0.75), all query words first, then fewer; only the analysis differs.', '');
  lines.push('## Overall', '', '| system | nDCG@10 | MAP | P@10 | recall@100 |', '|---|---|---|---|---|');
  for (const s of systems) lines.push(`| ${s.label} | ${METRICS.map((m) => fmt(avg(s.name, allIds, m))).join(' | ')} |`);
  // The Latin-script queries are won by the variants table alone (trump → ترامب): shown apart.
  const arabicIds = QUERIES.filter((q) => q.class !== 'latin').map((q) => q.id);
  lines.push('', `Without the ${allIds.length - arabicIds.length} Latin-script queries (which only a transliteration table can answer):`, '', '| system | nDCG@10 | MAP | P@10 | recall@100 |', '|---|---|---|---|---|');
  for (const s of systems) lines.push(`| ${s.label} | ${METRICS.map((m) => fmt(avg(s.name, arabicIds, m))).join(' | ')} |`);
  lines.push('', '## nDCG@10 per query class', '', `| class (queries) | ${systems.map((s) => s.label).join(' | ')} |`, `|---|${systems.map(() => '---|').join('')}`);
  for (const c of classes) {
    const qs = QUERIES.filter((q) => q.class === c).map((q) => q.id);
    lines.push(`| ${c} (${qs.length}) | ${systems.map((s) => fmt(avg(s.name, qs, 'ndcg10'))).join(' | ')} |`);
  }
  lines.push('', '## recall@100 per query class', '', `| class (queries) | ${systems.map((s) => s.label).join(' | ')} |`, `|---|${systems.map(() => '---|').join('')}`);
  for (const c of classes) {
    const qs = QUERIES.filter((q) => q.class === c).map((q) => q.id);
    lines.push(`| ${c} (${qs.length}) | ${systems.map((s) => fmt(avg(s.name, qs, 'r100'))).join(' | ')} |`);
  }
  lines.push('', '## nDCG@10 per query', '', `| query | class | relevant (grade 2) | ${systems.map((s) => s.name).join(' | ')} |`, `|---|---|---|${systems.map(() => '---|').join('')}`);
  for (const q of QUERIES) {
    const g = judgments.get(q.id) ?? new Map<string, number>();
    const g2 = [...g.values()].filter((x) => x === 2).length;
    lines.push(`| ${q.id} \`${q.query}\` | ${q.class} | ${g.size} (${g2}) | ${systems.map((s) => fmt(perQuery.get(s.name)?.get(q.id)?.ndcg10 ?? 0)).join(' | ')} |`);
  }

  const oursArabic = avg('khabar', arabicIds, 'ndcg10');
  const lightArabic = avg('light10', arabicIds, 'ndcg10');
  const ours = avg('khabar', allIds, 'ndcg10');
  const light = avg('light10', allIds, 'ndcg10');
  const norm = avg('normalized', allIds, 'ndcg10');
  const agreement = normalizationAgreement();
  const floors: [string, boolean][] = [
    [`ours ≥ light10 + 10% nDCG@10: ${fmt(ours)} vs ${fmt(light * 1.1)} (${(((ours / light) - 1) * 100).toFixed(1)}% above light10)`, ours >= light * 1.1],
    [`ours above normalization only: ${fmt(ours)} vs ${fmt(norm)}`, ours > norm],
  ];
  lines.push('', '## Normalization agreement with Lucene', '');
  if (agreement) {
    const pct = (agreement.same / agreement.total) * 100;
    floors.push([`normalization agrees with Lucene's ArabicNormalizationFilter on ≥ 99% of tokens: ${pct.toFixed(2)}%`, pct >= 99]);
    lines.push(`normalizeForMatch vs Lucene 8.7 ArabicNormalizationFilter on ${agreement.total} ANT tokens: ${agreement.same} identical (${pct.toFixed(2)}%); with the analyzer's tokenize (adds ڨ ڤ ڭ folding and the word split): ${agreement.sameTokenize} (${((agreement.sameTokenize / agreement.total) * 100).toFixed(2)}%). Differences by class (explained in docs/decisions/006-search-analyzer.md):`, '');
    for (const [c, list] of agreement.classes) lines.push(`- ${c}: ${list.length} (e.g. ${list.slice(0, 3).join('; ')})`);
  } else {
    lines.push('reference-outputs-from-ant-tokens.jsonl absent: not measured.');
  }
  lines.push('', '## Floors (issue #6)', '', ...floors.map(([text, ok]) => `- ${ok ? 'met' : 'NOT MET'}: ${text}`));
  lines.push(`- for information, without the Latin-script queries: ours ${fmt(oursArabic)} vs light10 ${fmt(lightArabic)} (${(((oursArabic / lightArabic) - 1) * 100).toFixed(1)}% above light10)`);
  lines.push('', '## Timings (one run, this machine)', '', `- judgments: ${judgeSeconds.toFixed(1)} s`, ...timings.map((t) => `- ${t}`), `- total: ${((Date.now() - started) / 1000).toFixed(1)} s`, '');

  const report = lines.join('\n');
  writeFileSync(here('RESULTS.md'), report);
  console.log(report);
  return floors.every(([, ok]) => ok) ? 0 : 1;
}

process.exitCode = main();
