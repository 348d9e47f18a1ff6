import { describe, expect, it } from 'vitest';
import { pollWhileVisible, type PollEnvironment } from '../../../admin/src/screens/presencePolling.js';

/** Timers and visibility under the test's control: `advance` fires what is due, in order. */
function fakePage() {
  let now = 0;
  let nextId = 1;
  let hidden = false;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const listeners = new Set<() => void>();
  const env: PollEnvironment = {
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    hidden: () => hidden,
    onVisibilityChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    env,
    listeners,
    pending: () => timers.size,
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await settle();
      }
      now = end;
    },
    async setHidden(value: boolean) {
      hidden = value;
      for (const listener of listeners) listener();
      await settle();
    },
    settle,
  };
}

describe('the editor heartbeat', () => {
  it('beats at once and every 20 s while visible, passes each answer on, and stops for good', async () => {
    const page = fakePage();
    let beats = 0;
    const results: number[] = [];
    const stop = pollWhileVisible({ beat: async () => ++beats, onResult: (n) => results.push(n), env: page.env });
    await page.settle();
    expect(results).toEqual([1]);
    await page.advance(19_999);
    expect(beats).toBe(1);
    await page.advance(1);
    expect(results).toEqual([1, 2]);
    await page.advance(40_000);
    expect(results).toEqual([1, 2, 3, 4]);
    stop();
    await page.advance(100_000);
    expect(beats).toBe(4);
    expect(page.pending()).toBe(0);
    expect(page.listeners.size).toBe(0);
  });

  it('sends nothing while the tab is hidden and beats as soon as it is shown again', async () => {
    const page = fakePage();
    let beats = 0;
    const stop = pollWhileVisible({ beat: async () => ++beats, onResult: () => {}, env: page.env });
    await page.settle();
    await page.setHidden(true);
    await page.advance(120_000);
    expect(beats).toBe(1);
    expect(page.pending()).toBe(0);
    await page.setHidden(false);
    expect(beats).toBe(2);
    await page.advance(20_000);
    expect(beats).toBe(3);
    stop();
  });

  it('keeps beating after a failed request, and ignores an answer that arrives after stop', async () => {
    const page = fakePage();
    let calls = 0;
    const results: string[] = [];
    let release: (value: string) => void = () => {};
    const stop = pollWhileVisible({
      beat: () => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('network'));
        if (calls === 3) return new Promise<string>((resolve) => (release = resolve));
        return Promise.resolve(`beat ${calls}`);
      },
      onResult: (value) => results.push(value),
      env: page.env,
    });
    await page.settle();
    expect(results).toEqual([]);
    await page.advance(20_000);
    expect(results).toEqual(['beat 2']);
    await page.advance(20_000);
    expect(calls).toBe(3);
    stop();
    release('late');
    await page.settle();
    expect(results).toEqual(['beat 2']);
    expect(page.pending()).toBe(0);
  });
});
