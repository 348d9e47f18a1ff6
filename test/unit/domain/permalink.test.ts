import { describe, expect, it } from 'vitest';
import { createPermalink, encodePath, isValidPermalinkStructure } from '../../../src/domain/permalink.js';

const fields = {
  id: 4512,
  slug: 'وزارة-الصحة-تطلق-حملة',
  // 23:30 UTC on 31 August is already 1 September in Casablanca (+01:00).
  publishedAt: new Date('2022-08-31T23:30:00Z'),
  categoryPath: 'مجتمع/صحة',
  authorSlug: 'salma',
};

describe('permalinks', () => {
  it('accepts WordPress structures that identify an article', () => {
    expect(isValidPermalinkStructure('/%post_id%.html')).toBe(true);
    expect(isValidPermalinkStructure('/%category%/%postname%/')).toBe(true);
    expect(isValidPermalinkStructure('/%year%/%monthnum%/')).toBe(false);
    expect(isValidPermalinkStructure('%postname%')).toBe(false);
    expect(isValidPermalinkStructure('/%postname%/%unknown%/')).toBe(false);
    expect(isValidPermalinkStructure('/%postname%/%postname%/')).toBe(false);
  });

  it('builds paths with dates in the site time zone', () => {
    const p = createPermalink('/%year%/%monthnum%/%day%/%postname%/', 'Africa/Casablanca');
    expect(p.build(fields)).toBe('/2022/09/01/وزارة-الصحة-تطلق-حملة/');
    expect(createPermalink('/%post_id%.html', 'Africa/Casablanca').build(fields)).toBe('/4512.html');
    expect(createPermalink('/%category%/%postname%/', 'UTC').build(fields)).toBe('/مجتمع/صحة/وزارة-الصحة-تطلق-حملة/');
    expect(createPermalink('/%author%/%post_id%/', 'UTC').build(fields)).toBe('/salma/4512/');
    expect(createPermalink('/%author%/%post_id%/', 'UTC').needsAuthor).toBe(true);
    expect(createPermalink('/%post_id%.html', 'UTC').needsAuthor).toBe(false);
  });

  it('matches what it builds, with or without the trailing slash', () => {
    const p = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
    expect(p.match('/2022/09/وزارة-الصحة-تطلق-حملة/')).toEqual({ postId: null, postname: 'وزارة-الصحة-تطلق-حملة' });
    expect(p.match('/2022/09/وزارة-الصحة-تطلق-حملة')).toEqual({ postId: null, postname: 'وزارة-الصحة-تطلق-حملة' });
    expect(p.match('/2022/9/x/')).toBeNull();
    expect(p.match('/category/x/')).toBeNull();
    const byId = createPermalink('/%post_id%.html', 'UTC');
    expect(byId.match('/4512.html')).toEqual({ postId: 4512, postname: null });
    expect(byId.match('/4512xhtml')).toBeNull();
    const byCategory = createPermalink('/%category%/%postname%/', 'UTC');
    expect(byCategory.match('/مجتمع/صحة/خبر/')).toEqual({ postId: null, postname: 'خبر' });
  });

  it('percent-encodes each segment for the wire', () => {
    expect(encodePath('/category/مجتمع/')).toBe('/category/%D9%85%D8%AC%D8%AA%D9%85%D8%B9/');
    expect(decodeURIComponent(encodePath('/a b/ج?/'))).toBe('/a b/ج?/');
  });
});
