import type { Analyzer, QueryPlan } from './analyzer.js';
import type { VocabularyCache } from './createVocabularyCache.js';

/** Rounds of "plan, look up the words the planner asked about, plan again". */
const MAX_ROUNDS = 4;

/**
 * Plans a query against the archive's vocabulary. The analyzer asks `frequency(word)`
 * synchronously while planning; words it asks about that are not known yet are looked up in one
 * batch and the query is planned again, until the planner asks nothing new (usually 2 rounds).
 *
 * @example const plan = await planQueryWithVocabulary(analyzer, 'وزارة الصحة', cache);
 */
export async function planQueryWithVocabulary(analyzer: Analyzer, query: string, cache: VocabularyCache): Promise<QueryPlan> {
  const known = new Map<string, number>();
  let plan: QueryPlan | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const missing = new Set<string>();
    plan = analyzer.planQuery(query, {
      frequency(word) {
        const f = known.get(word);
        if (f !== undefined) return f;
        if (missing.size < 2000) missing.add(word);
        return 0;
      },
    });
    if (missing.size === 0) return plan;
    const found = await cache.lookup([...missing]);
    for (const w of missing) known.set(w, found.get(w) ?? 0);
  }
  return plan!;
}
