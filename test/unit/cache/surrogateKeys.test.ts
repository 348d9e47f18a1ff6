import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/domain/article.js';
import { articleChangeKeys, isListingKey } from '../../../src/domain/surrogateKeys.js';
import { createTaggedCache } from '../../../src/lib/createTaggedCache.js';
import { createPurgeHistory } from '../../../src/lib/purgeHistory.js';
import { parseRange } from '../../../src/web/cache/sendCachedAnswer.js';

const live: Article = {
  id: 7, slug: 'خبر', title: 'خبر', lede: null, body: '<p>x</p>', status: 'published', publishedAt: new Date('2026-11-29T08:00:00Z'), modifiedAt: null,
  createdAt: new Date(0), updatedAt: new Date(0), primarySectionId: 3, sectionIds: [3], tagIds: [11], authorIds: [2], featuredMediaId: null,
  isBreaking: false, isFeatured: false, commentsOpen: true, seoTitle: null, seoDescription: null, canonicalUrl: null, readingMinutes: 1, version: 4, isDemo: false,
  commentCount: 0, createdBy: null, updatedBy: null, previousStatus: null,
};
const parents = (id: number) => (id === 3 ? [1] : []);

describe('surrogate keys of an article write', () => {
  it('purges nothing for a draft, the article alone for a correction, the lists for a publication', () => {
    expect(articleChangeKeys({ ...live, status: 'draft' }, { ...live, status: 'draft', title: 'x' }, parents)).toEqual([]);
    const correction = articleChangeKeys(live, { ...live, title: 'تصحيح' }, parents);
    expect(correction).toContain('article:7');
    expect(correction).not.toContain('home');
    expect(correction).not.toContain('section:3');
    const published = articleChangeKeys({ ...live, status: 'scheduled' }, live, parents);
    expect(published).toEqual(expect.arrayContaining(['article:7', 'home', 'feed', 'sitemap', 'section:3', 'section:1', 'tag:11', 'author:2', 'related:tag:11', 'related:section:3']));
    expect(published).not.toContain('breaking');
    // Moving it purges the lists it left as well as those it joined.
    const moved = articleChangeKeys(live, { ...live, sectionIds: [5], tagIds: [], isBreaking: true }, parents);
    expect(moved).toEqual(expect.arrayContaining(['section:3', 'section:5', 'tag:11', 'breaking']));
  });

  it('tells list keys from the rest', () => {
    expect(['home', 'feed', 'section:3', 'tag:1', 'author:9'].every(isListingKey)).toBe(true);
    expect(['article:1', 'settings', 'section-label:3', 'related:tag:1', '*'].some(isListingKey)).toBe(false);
  });
});

describe('the tagged cache', () => {
  it('purges by tag through its index, keeps what the caller marks stale, and bounds bytes', () => {
    const cache = createTaggedCache<{ n: number; size: number }>({ maxSize: 100, sizeOf: (v) => v.size });
    cache.set('a', { n: 1, size: 40 }, ['article:1', 'home']);
    cache.set('b', { n: 2, size: 40 }, ['article:2']);
    expect(cache.purge(['article:1'])).toBe(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.n).toBe(2);
    cache.set('c', { n: 3, size: 40 }, ['article:3']);
    cache.set('d', { n: 4, size: 40 }, ['article:4']);
    // 'b' was least recently used: evicted for the byte bound, and its tag forgotten.
    expect(cache.get('b')).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(100);
    expect(cache.purge(['article:2', 'nothing'])).toBe(0);
    expect(cache.purge(['article:3'], () => true)).toBe(1);
    expect(cache.get('c')?.n).toBe(3);
    cache.purge(['*']);
    expect(cache.size).toBe(0);
  });

  it('remembers purges so a computation can tell it read stale data', () => {
    const history = createPurgeHistory({ remember: 2 });
    const t = history.now();
    expect(history.purgedSince(t, ['a'])).toBe(false);
    history.record(['b']);
    expect(history.purgedSince(t, ['a'])).toBe(false);
    history.record(['a']);
    expect(history.purgedSince(t, ['a'])).toBe(true);
    history.record(['c']);
    history.record(['d']);
    // Older than what it remembers: assume the worst.
    expect(history.purgedSince(t, ['z'])).toBe(true);
  });
});

describe('byte ranges', () => {
  it('parses one range and refuses the impossible', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-5', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    for (const odd of [undefined, 'bytes=1-2,4-5', 'items=1-2', 'bytes=5-1', 'bytes=-']) expect(parseRange(odd, 100)).toBeNull();
  });
});
