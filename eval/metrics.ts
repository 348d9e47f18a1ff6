/** Standard ranked-retrieval metrics over graded judgments (grade ≥ 1 is relevant). */

export type Grades = ReadonlyMap<string, number>;

/** nDCG@k with gains 2^grade − 1 and log2 discounts; ideal from all judged documents. */
export function ndcgAt(k: number, ranked: readonly string[], grades: Grades): number {
  const dcg = (gs: number[]): number => gs.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...grades.values()].sort((a, b) => b - a).slice(0, k));
  if (ideal === 0) return 0;
  return dcg(ranked.slice(0, k).map((id) => grades.get(id) ?? 0)) / ideal;
}

/** Precision at k. */
export function precisionAt(k: number, ranked: readonly string[], grades: Grades): number {
  return ranked.slice(0, k).filter((id) => (grades.get(id) ?? 0) > 0).length / k;
}

/** Recall at k. */
export function recallAt(k: number, ranked: readonly string[], grades: Grades): number {
  const relevant = [...grades.values()].filter((g) => g > 0).length;
  if (relevant === 0) return 0;
  return ranked.slice(0, k).filter((id) => (grades.get(id) ?? 0) > 0).length / relevant;
}

/** Average precision over the ranking given (relevant documents not retrieved count as 0). */
export function averagePrecision(ranked: readonly string[], grades: Grades): number {
  const relevant = [...grades.values()].filter((g) => g > 0).length;
  if (relevant === 0) return 0;
  let hits = 0;
  let sum = 0;
  ranked.forEach((id, i) => {
    if ((grades.get(id) ?? 0) > 0) {
      hits += 1;
      sum += hits / (i + 1);
    }
  });
  return sum / relevant;
}
