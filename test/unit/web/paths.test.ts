import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/errors/AppError.js';
import { decodeRequestPath } from '../../../src/web/public/decodeRequestPath.js';
import { parsePublicPath } from '../../../src/operations/reading/parsePublicPath.js';

describe('decodeRequestPath', () => {
  it('decodes percent-encoded Arabic and drops the query', () => {
    expect(decodeRequestPath('/category/%D9%85%D8%AC%D8%AA%D9%85%D8%B9/?utm=x')).toBe('/category/مجتمع/');
  });

  it('reads raw UTF-8 bytes the way Node hands them over (one char per byte)', () => {
    const raw = Buffer.from('/category/مجتمع/', 'utf8').toString('latin1');
    expect(decodeRequestPath(raw)).toBe('/category/مجتمع/');
  });

  it('normalizes to NFC and collapses duplicate slashes', () => {
    expect(decodeRequestPath(encodeURI('//a//\u0627\u0653/'))).toBe('/a/\u0622/');
  });

  it.each(['/%E0%A4%A', '/%', '/%zz', '/a%00b', '/%C3%28'])('refuses %s with BAD_REQUEST', (url) => {
    try {
      decodeRequestPath(url);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'BAD_REQUEST')).toBe(true);
    }
  });
});

describe('parsePublicPath', () => {
  it('classifies home, archives with pages, and everything else', () => {
    expect(parsePublicPath('/')).toEqual({ kind: 'home' });
    expect(parsePublicPath('/category/رياضة/كرة-القدم/')).toEqual({ kind: 'archive', archive: 'section', slugPath: 'رياضة/كرة-القدم', page: 1 });
    expect(parsePublicPath('/tag/الماء/page/3/')).toEqual({ kind: 'archive', archive: 'tag', slugPath: 'الماء', page: 3 });
    expect(parsePublicPath('/author/salma/page/2')).toEqual({ kind: 'archive', archive: 'author', slugPath: 'salma', page: 2 });
    expect(parsePublicPath('/2026/11/خبر/')).toEqual({ kind: 'other' });
    expect(parsePublicPath('/category/')).toEqual({ kind: 'other' });
  });

  it('marks bad page numbers', () => {
    for (const p of ['/tag/x/page/0/', '/tag/x/page/abc/', '/tag/x/page/', '/tag/x/page/-1/', '/tag/x/page/1e3/', '/tag/x/page/9999999/']) {
      expect(parsePublicPath(p), p).toEqual({ kind: 'bad-page' });
    }
  });
});
