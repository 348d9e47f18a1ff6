import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../eval/bm25f.js';
import { corpusTypes, judge, prepareForJudging } from '../../../eval/judge.js';
import { averagePrecision, ndcgAt, precisionAt, recallAt } from '../../../eval/metrics.js';

describe('eval metrics', () => {
  const grades = new Map([
    ['a', 2],
    ['b', 1],
    ['c', 1],
  ]);

  it('computes nDCG@k with gains 2^g − 1 and log2 discounts', () => {
    expect(ndcgAt(3, ['a', 'b', 'c'], grades)).toBeCloseTo(1, 10);
    // ranking x, a, b: DCG = 0 + 3/log2(3) + 1/2; ideal = 3 + 1/log2(3) + 1/2
    const dcg = 3 / Math.log2(3) + 1 / 2;
    const ideal = 3 + 1 / Math.log2(3) + 1 / 2;
    expect(ndcgAt(3, ['x', 'a', 'b'], grades)).toBeCloseTo(dcg / ideal, 10);
    expect(ndcgAt(10, ['x'], new Map())).toBe(0);
  });

  it('computes P@k, recall@k and average precision', () => {
    expect(precisionAt(2, ['x', 'a'], grades)).toBe(0.5);
    expect(recallAt(2, ['x', 'a'], grades)).toBeCloseTo(1 / 3, 10);
    // hits at ranks 2 and 4 of 3 relevant: (1/2 + 2/4) / 3
    expect(averagePrecision(['x', 'a', 'y', 'c'], grades)).toBeCloseTo((0.5 + 0.5) / 3, 10);
  });
});

describe('eval judging from surface patterns', () => {
  const docs = [
    { id: 'head', title: 'وزارةُ الصحة تعلن', lede: '', body: '' },
    { id: 'body', title: 'خبر', lede: '', body: 'قالت الوزارة إن وزارة الصحة ستعلن' },
    { id: 'none', title: 'زار الوزير المستشفى', lede: '', body: 'وزاره الوفد' },
  ].map(prepareForJudging);
  const types = corpusTypes(docs);

  it('grades 2 in title/lede, 1 in body only, and ignores harakat', () => {
    const grades = judge({ id: 't', query: 'وزارة الصحة', class: 'multi', concepts: [[['PوزارT', 'الصحT']]] }, docs, types);
    expect([...grades]).toEqual([
      ['head', 2],
      ['body', 1],
    ]);
  });

  it('matches whole tokens only, with the alternatives spelled out', () => {
    const grades = judge({ id: 't', query: 'وزير', class: 'bare', concepts: [['Pوزير']] }, docs, types);
    expect([...grades]).toEqual([['none', 2]]);
  });
});

describe('eval BM25F', () => {
  const doc = (title: string, body: string) => ({ title: title.split(' '), lede: [], tags: [], body: body.split(' ') });
  const index = buildIndex([doc('x', 'a b'), doc('a', 'x y'), doc('b', 'a a a'), doc('z', 'z')]);

  it('ranks title above body and all-groups matches above partial ones', () => {
    expect(index.search([['a']], 10)).toEqual([1, 2, 0]);
    // 0 and 2 have a and b; 1 has only a (in its title) and comes after both.
    expect(index.search([['a'], ['b']], 10)).toEqual([2, 0, 1]);
  });

  it('adds the frequencies of a group\u2019s alternatives', () => {
    expect(index.search([['z', 'y']], 10)).toEqual([3, 1]);
  });
});
