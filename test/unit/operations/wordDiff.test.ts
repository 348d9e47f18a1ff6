import { describe, expect, it } from 'vitest';
import { wordDiff, type DiffPart } from '../../../src/operations/articles/diffRevisions.js';
import { payloads } from '../../support/injectionChecks.js';

const side = (parts: DiffPart[], drop: DiffPart['op']) => parts.filter((p) => p.op !== drop).map((p) => p.text).join('');

describe('wordDiff (the revisions panel’s title and lede diff)', () => {
  it('spells both texts exactly, white space included (found by the admin injection suite)', () => {
    const pairs: Array<[string, string]> = [
      ['<img src=x onerror=alert(1)> 2', '<img src="x" onerror="alert(1)"> 2b'],
      ['قال  الوزير اليوم', 'قال الوزير أمس'],
      ['a b c', 'a  c'],
      ['\tبداية', 'بداية\t'],
      ...payloads.slice(0, 60).map((p, i) => [p, payloads[i + 1]!] as [string, string]),
    ];
    for (const [from, to] of pairs) {
      const parts = wordDiff(from, to);
      expect(side(parts, 'add'), `${from} → ${to}`).toBe(from);
      expect(side(parts, 'remove'), `${from} → ${to}`).toBe(to);
    }
  });

  it('shows a replaced phrase as one removal and one addition, not word by word around common spaces', () => {
    expect(wordDiff('عنوان من زميل', 'Microsoft تعلن نتائجها')).toEqual([
      { op: 'remove', text: 'عنوان من زميل' },
      { op: 'add', text: 'Microsoft تعلن نتائجها' },
    ]);
  });

  it('compares Arabic words whole', () => {
    expect(wordDiff('قال Macron في الرباط 2026.', 'قال Macron في طنجة 2026.')).toEqual([
      { op: 'same', text: 'قال Macron في ' },
      { op: 'remove', text: 'الرباط' },
      { op: 'add', text: 'طنجة' },
      { op: 'same', text: ' 2026.' },
    ]);
  });
});
