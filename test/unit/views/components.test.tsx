import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { Bidi } from '../../../src/views/components/Bidi.js';
import { Pagination } from '../../../src/views/components/Pagination.js';
import { minutesText, readingTimeText } from '../../../src/views/components/ReadingTime.js';
import { srcsetOf } from '../../../src/views/components/ResponsiveImage.js';
import { imageView } from './fixtures.js';

describe('Bidi', () => {
  it('wraps Latin and number runs in <bdi>, leaving Arabic as is', () => {
    expect(renderToString(<Bidi text="قال Emmanuel Macron إن 2025 سنة حاسمة." />)).toBe(
      'قال <bdi>Emmanuel Macron</bdi> إن <bdi>2025</bdi> سنة حاسمة.',
    );
  });

  it('escapes what it is given', () => {
    expect(renderToString(<Bidi text="<b>عنوان</b>" />)).not.toContain('<b>');
  });
});

describe('reading time', () => {
  it.each([
    [0, 'دقيقة واحدة'],
    [1, 'دقيقة واحدة'],
    [2, 'دقيقتان'],
    [3, '3 دقائق'],
    [10, '10 دقائق'],
    [11, '11 دقيقة'],
    [25, '25 دقيقة'],
    [99, '99 دقيقة'],
    [100, '100 دقيقة'],
    [103, '103 دقائق'],
    [111, '111 دقيقة'],
  ])('%i minutes → "%s"', (minutes, text) => {
    expect(minutesText(minutes)).toBe(text);
  });

  it('reads "N دقائق قراءة"', () => {
    expect(readingTimeText(5)).toBe('5 دقائق قراءة');
  });
});

describe('srcsetOf', () => {
  it('lists variants and the original by width, without duplicates', () => {
    expect(srcsetOf(imageView({ variants: [{ url: '/b.jpg', width: 960 }, { url: '/a.jpg', width: 480 }], url: '/o.jpg', width: 960 }))).toBe(
      '/a.jpg 480w, /b.jpg 960w',
    );
  });

  it('is undefined without variants', () => {
    expect(srcsetOf(imageView({ variants: [] }))).toBeUndefined();
  });
});

describe('Pagination', () => {
  it('renders nothing for a single page', () => {
    expect(renderToString(<Pagination pagination={{ page: 1, totalPages: 1, prevHref: null, nextHref: null }} />)).toBe('');
  });
});
