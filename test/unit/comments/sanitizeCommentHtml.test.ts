import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizeCommentHtml, sanitizeCommentMarkup } from '../../../src/domain/comments/sanitizeCommentHtml.js';

// Real Arabic news text, with the corpus's own quirks (leftover entities, quotes, Latin runs); see ../shared/data/README.md.
const CORPUS = path.resolve('../shared/data/arabic-news/ant/ant-v1.1-jawharafm.jsonl');

/** A small deterministic generator (mulberry32), so a failure names its case and repeats. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// What can change how HTML text is read or written: entity starts, quotes, >, whitespace of every
// kind (trimmed or not), NUL and controls, bidi and zero-width marks, BOM, lone surrogates, harakat.
const PIECES = [
  '&', '&amp;', '&lt;', '&#60;', '&#x3c;', '&gt', '&nbsp;', '&copy', '&;', '&#;', '&0;', '>', '"', "'", '=', ';', '#', '/',
  '\n', '\n\n', '\r\n', '\r', '\n \n', '\t', ' ', '\u00a0', '\u2028', '\u3000', '\f', '\v', '\0', '\u0001', '\u007f', '\u0085',
  '\u202e', '\u200f', '\u200b', '\u2066', '\ufeff', '\ud800', '\udc00', '😀', 'ـ', 'ً', 'ّ',
  'مرحبا', 'تعليق', 'الدار البيضاء', 'abc', 'x7mar', '123', '٣٤', 'https://example.ma/a?b=1&c=2', 'www.example.ma', 'javascript:alert(1)',
];

function fuzzText(next: () => number): string {
  const n = 1 + Math.floor(next() * 12);
  let out = '';
  for (let i = 0; i < n; i++) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

describe('sanitizeCommentHtml without parsing plain text', () => {
  it('gives the bytes sanitize-html gives, for 8,000 generated texts without "<"', () => {
    const next = random(20261129);
    let plain = 0;
    for (let i = 0; i < 8_000; i++) {
      const text = fuzzText(next);
      if (text.includes('<')) continue;
      plain++;
      expect(sanitizeCommentHtml(text), `case ${i}: ${JSON.stringify(text)}`).toBe(sanitizeCommentMarkup(text));
    }
    expect(plain).toBe(8_000);
  });

  it.skipIf(!existsSync(CORPUS))('gives the bytes sanitize-html gives, for 3,000 real news paragraphs and titles', () => {
    const lines = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean).slice(0, 1500);
    let compared = 0;
    for (const line of lines) {
      const { title, body } = JSON.parse(line) as { title: string; body: string };
      for (const text of [title, body.slice(0, 2000)]) {
        expect(sanitizeCommentHtml(text), JSON.stringify(text.slice(0, 80))).toBe(sanitizeCommentMarkup(text));
        compared++;
      }
    }
    expect(compared).toBe(3000);
  });

  it('still parses every text with "<": tags kept or shown as text', () => {
    expect(sanitizeCommentHtml('a < b')).toBe('<p>a &lt; b</p>');
    expect(sanitizeCommentHtml('<b>قوي</b> & <script>x()</script>')).toBe('<p><b>قوي</b> &amp; &lt;script&gt;x()&lt;/script&gt;</p>');
    expect(sanitizeCommentHtml('سطر\nآخر > "ثالث"\n\nفقرة &lt;')).toBe('<p>سطر<br />آخر &gt; "ثالث"</p><p>فقرة &amp;lt;</p>');
  });
});
