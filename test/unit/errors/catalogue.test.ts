import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../src/errors/codes.js';
import { httpStatusOf } from '../../../src/web/errors.js';

describe('the error catalogue', () => {
  const doc = readFileSync('docs/errors.md', 'utf8');
  const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);

  it('documents every code in docs/errors.md, and nothing else', () => {
    expect(documented.sort()).toEqual(Object.keys(errorCodes).sort());
  });

  it('maps every code to an HTTP status, the same one the documentation gives', () => {
    for (const code of Object.keys(errorCodes) as Array<keyof typeof errorCodes>) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`))!;
      expect(row.trim().endsWith(`| ${httpStatusOf[code]} |`), code).toBe(true);
    }
  });
});
