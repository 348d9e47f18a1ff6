import { describe, expect, it } from 'vitest';
import { createViewCounter } from '../../../src/operations/reading/viewCounter.js';
import type { ArticleRepository } from '../../../src/store/ports.js';

function recordingRepo() {
  const writes: Array<{ day: string; counts: Record<number, number> }> = [];
  const repo = {
    async addViews(day: string, counts: ReadonlyMap<number, number>) {
      writes.push({ day, counts: Object.fromEntries(counts) });
    },
  } as unknown as ArticleRepository;
  return { repo, writes };
}

describe('the view counter', () => {
  it('batches reads per article and writes them on flush', async () => {
    const { repo, writes } = recordingRepo();
    const counter = createViewCounter({ articles: repo, now: () => new Date('2026-11-29T10:00:00Z') });
    counter.record(1, 'Africa/Casablanca');
    counter.record(1, 'Africa/Casablanca');
    counter.record(2, 'Africa/Casablanca');
    await counter.flush();
    await counter.flush();
    expect(writes).toEqual([{ day: '2026-11-29', counts: { 1: 2, 2: 1 } }]);
    await counter.close();
  });

  it("counts by the site's day and splits batches at midnight", async () => {
    const { repo, writes } = recordingRepo();
    let now = new Date('2026-11-29T22:59:00Z'); // 23:59 in Casablanca (+01:00)
    const counter = createViewCounter({ articles: repo, now: () => now });
    counter.record(7, 'Africa/Casablanca');
    now = new Date('2026-11-29T23:01:00Z'); // 00:01 on the 30th in Casablanca
    counter.record(7, 'Africa/Casablanca');
    await counter.close();
    expect(writes).toEqual([
      { day: '2026-11-29', counts: { 7: 1 } },
      { day: '2026-11-30', counts: { 7: 1 } },
    ]);
  });

  it('reports a failed write without throwing into the request path', async () => {
    const errors: unknown[] = [];
    const repo = { addViews: async () => Promise.reject(new Error('disk full')) } as unknown as ArticleRepository;
    const counter = createViewCounter({ articles: repo, now: () => new Date(), onError: (e) => errors.push(e) });
    counter.record(1, 'Africa/Casablanca');
    await counter.close();
    expect(errors).toHaveLength(1);
  });
});
