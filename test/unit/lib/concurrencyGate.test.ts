import { describe, expect, it } from 'vitest';
import { createConcurrencyGate } from '../../../src/lib/concurrencyGate.js';

describe('createConcurrencyGate', () => {
  it('runs at most `limit` at once, in order, and passes results and errors through', async () => {
    const gate = createConcurrencyGate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const tasks = [0, 1, 2, 3, 4].map((n) =>
      gate(async () => {
        running += 1;
        most = Math.max(most, running);
        started.push(n);
        await new Promise<void>((resolve) => finish.push(resolve));
        running -= 1;
        if (n === 3) throw new Error('task 3 failed');
        return n * 10;
      }),
    );
    // Let the gate start what it may, then release tasks one by one.
    const settled = Promise.allSettled(tasks);
    for (let released = 0; released < 5; released++) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(running).toBeLessThanOrEqual(2);
      finish.shift()!();
    }
    const results = await settled;
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 10, 20, 'task 3 failed', 40]);
  });
});
