/**
 * The PostgreSQL index query alone (`store.search.query`) over bench/searchQueries.ts on the
 * store `npm run bench:search` left at BENCH_PG_URL: round 0 (cold) and the warm rounds' p50/p90/p99,
 * the slowest queries, and each query's total and first page written to <out.tsv> so two builds can be
 * compared (`diff`). Decision 038.
 *
 * @example node --import tsx bench/pgSearchQueries.ts /tmp/after.tsv 4
 */
import { writeFileSync } from 'node:fs';
import { createAnalyzer } from '../src/search/analyzer.js';
import { createVocabularyCache } from '../src/search/createVocabularyCache.js';
import { planQueryWithVocabulary } from '../src/search/planQueryWithVocabulary.js';
import { createPostgresStore } from '../src/store/postgres/createPostgresStore.js';
import { QUERIES } from './searchQueries.js';
const store = await createPostgresStore({ connectionString: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/bench_search', poolSize: 4 });
const analyzer = createAnalyzer();
const vocabulary = createVocabularyCache({ search: store.search, contentVersion: () => store.contentVersion() });
const plans = await Promise.all(QUERIES.map((item) => planQueryWithVocabulary(analyzer, item.q, vocabulary)));
const ranking = { recencyWeight: 0.3, halfLifeDays: 30, now: new Date('2026-11-30T00:00:00Z') };
const rounds = Number(process.argv[3] ?? 4);
const all: number[] = [];
const cold: number[] = [];
const per = new Map<string, number[]>();
const out: string[] = [];
for (let round = 0; round < rounds; round++) {
  for (const [i, plan] of plans.entries()) {
    if (plan.groups.length === 0 && plan.phrases.length === 0) continue;
    const page = QUERIES[i]!.page ?? 1;
    const t = performance.now();
    const r = await store.search.query({ groups: plan.groups, phrases: plan.phrases, exclude: plan.exclude, mode: 'all' }, {}, { limit: 10, offset: (page - 1) * 10 }, ranking);
    const ms = performance.now() - t;
    if (round === 0) cold.push(ms);
    if (round > 0) { all.push(ms); per.set(QUERIES[i]!.q, [...(per.get(QUERIES[i]!.q) ?? []), ms]); }
    if (round === 0) out.push(`${QUERIES[i]!.q}\t${r.total}\t${r.hits.map((h) => h.id).join(',')}`);
  }
}
writeFileSync(process.argv[2]!, out.join('\n') + '\n');
cold.sort((a, b) => a - b);
console.log(`cold p50 ${cold[Math.floor(cold.length / 2)]!.toFixed(1)} p90 ${cold[Math.floor(cold.length * 0.9)]!.toFixed(1)} max ${cold[cold.length - 1]!.toFixed(1)} sum ${cold.reduce((a, b) => a + b, 0).toFixed(0)} ms`);
all.sort((a, b) => a - b);
const q = (p: number) => all[Math.min(all.length - 1, Math.floor(p * all.length))]!.toFixed(1);
console.log(`p50 ${q(0.5)} p90 ${q(0.9)} p99 ${q(0.99)} max ${all[all.length - 1]!.toFixed(1)} mean ${(all.reduce((a, b) => a + b, 0) / all.length).toFixed(1)} ms`);
const slow = [...per].map(([k, v]) => [k, v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!] as const).sort((a, b) => b[1] - a[1]).slice(0, 8);
console.log(slow.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' · '));
await store.close();
