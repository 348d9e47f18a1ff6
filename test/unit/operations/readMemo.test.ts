import { describe, expect, it } from 'vitest';
import { createReadMemo } from '../../../src/operations/reading/createReadMemo.js';

describe('the read memo', () => {
  it('computes once per content version and key, sharing concurrent computations', async () => {
    let version = 1;
    let computed = 0;
    const memo = createReadMemo({ contentVersion: async () => version, enabled: true });
    const compute = async () => {
      computed++;
      return `v${version}`;
    };
    const [a, b] = await Promise.all([memo.get('k', compute), memo.get('k', compute)]);
    expect([a, b, computed]).toEqual(['v1', 'v1', 1]);
    expect(await memo.get('k', compute)).toBe('v1');
    expect(computed).toBe(1);
    version = 2;
    expect(await memo.get('k', compute)).toBe('v2');
    expect(computed).toBe(2);
  });

  it('keeps neither failures nor values the caller rejects', async () => {
    const memo = createReadMemo({ contentVersion: async () => 1, enabled: true });
    let calls = 0;
    await expect(memo.get('x', async () => Promise.reject(new Error(`fail ${++calls}`)))).rejects.toThrow('fail 1');
    await expect(memo.get('x', async () => Promise.reject(new Error(`fail ${++calls}`)))).rejects.toThrow('fail 2');
    const notFound = async () => ({ kind: 'not-found', n: ++calls });
    const first = await memo.get('y', notFound, (v) => v.kind !== 'not-found');
    const second = await memo.get('y', notFound, (v) => v.kind !== 'not-found');
    expect(second.n).toBe(first.n + 1);
  });

  it('computes every time when disabled', async () => {
    let computed = 0;
    const memo = createReadMemo({ contentVersion: async () => 1, enabled: false });
    await memo.get('k', async () => ++computed);
    await memo.get('k', async () => ++computed);
    expect(computed).toBe(2);
  });
});
