import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { heapFlagsToAdd, SERVER_HEAP_FLAGS } from '../../../src/runtime/serverHeapFlags.js';

describe('serving heap limits', () => {
  it('adds every flag when nothing is set, and leaves out an option the operator gives', () => {
    expect(heapFlagsToAdd([])).toEqual([...SERVER_HEAP_FLAGS]);
    expect(heapFlagsToAdd(['--max-old-space-size=1024'])).toEqual(SERVER_HEAP_FLAGS.filter((f) => !f.startsWith('--max-old-space-size')));
    expect(heapFlagsToAdd(['', '--enable-source-maps --max-semi-space-size=32'])).toEqual(SERVER_HEAP_FLAGS.filter((f) => !f.startsWith('--max-semi-space-size')));
  });

  it('are flags this Node accepts, and they bound the heap', () => {
    const limit = Number(execFileSync(process.execPath, [...SERVER_HEAP_FLAGS, '-e', "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit))"], { encoding: 'utf8' }));
    const oldSpaceMb = Number(/--max-old-space-size=(\d+)/.exec(SERVER_HEAP_FLAGS.join(' '))![1]);
    expect(limit).toBeGreaterThan(oldSpaceMb * 2 ** 20);
    expect(limit).toBeLessThan((oldSpaceMb + 128) * 2 ** 20);
  });
});
