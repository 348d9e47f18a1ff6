import { describe, expect, it } from 'vitest';
import { createReadMemo } from '../../../src/operations/reading/createReadMemo.js';

/** A purge source the test drives by hand. */
function purgeSource() {
  const fns = new Set<(keys: readonly string[]) => void>();
  return {
    subscribe: (fn: (keys: readonly string[]) => void) => {
      fns.add(fn);
      return () => fns.delete(fn);
    },
    purge: (...keys: string[]) => fns.forEach((fn) => fn(keys)),
  };
}

describe('the read memo', () => {
  it('computes once per key until a purge of one of its keys, sharing concurrent computations', async () => {
    const purges = purgeSource();
    let version = 1;
    let computed = 0;
    const memo = createReadMemo({ subscribe: purges.subscribe, enabled: true });
    const compute = async () => {
      computed++;
      return `v${version}`;
    };
    const keys = () => ['article:1', 'section:2'];
    const [a, b] = await Promise.all([memo.get('k', compute, { keys }), memo.get('k', compute, { keys })]);
    expect([a, b, computed]).toEqual(['v1', 'v1', 1]);
    expect(await memo.get('k', compute, { keys })).toBe('v1');
    version = 2;
    purges.purge('article:9', 'tag:4');
    expect(await memo.get('k', compute, { keys })).toBe('v1');
    expect(computed).toBe(1);
    purges.purge('section:2');
    expect(await memo.get('k', compute, { keys })).toBe('v2');
    expect(computed).toBe(2);
    // Entries without keys follow every purge; '*' drops everything.
    expect(await memo.get('plain', compute)).toBe('v2');
    version = 3;
    purges.purge('anything');
    expect(await memo.get('plain', compute)).toBe('v3');
    purges.purge('*');
    expect(await memo.get('k', compute, { keys })).toBe('v3');
  });

  it('does not keep a value computed across a purge of what it shows', async () => {
    const purges = purgeSource();
    const memo = createReadMemo({ subscribe: purges.subscribe, enabled: true });
    let release!: () => void;
    let computed = 0;
    const slow = () => {
      computed++;
      return new Promise<string>((resolve) => (release = () => resolve(`read ${computed}`)));
    };
    const first = memo.get('k', slow, { keys: () => ['article:1'] });
    purges.purge('article:1');
    release();
    expect(await first).toBe('read 1');
    const second = memo.get('k', slow, { keys: () => ['article:1'] });
    release();
    expect(await second).toBe('read 2');
  });

  it('keeps neither failures nor values the caller rejects', async () => {
    const memo = createReadMemo({ subscribe: purgeSource().subscribe, enabled: true });
    let calls = 0;
    await expect(memo.get('x', async () => Promise.reject(new Error(`fail ${++calls}`)))).rejects.toThrow('fail 1');
    await expect(memo.get('x', async () => Promise.reject(new Error(`fail ${++calls}`)))).rejects.toThrow('fail 2');
    const notFound = async () => ({ kind: 'not-found', n: ++calls });
    const keep = (v: { kind: string }) => v.kind !== 'not-found';
    const first = await memo.get('y', notFound, { keep });
    const second = await memo.get('y', notFound, { keep });
    expect(second.n).toBe(first.n + 1);
  });

  it('computes every time when disabled', async () => {
    let computed = 0;
    const memo = createReadMemo({ subscribe: purgeSource().subscribe, enabled: false });
    await memo.get('k', async () => ++computed);
    await memo.get('k', async () => ++computed);
    expect(computed).toBe(2);
  });
});
