import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePath } from '../../../src/domain/permalink.js';
import { zonedTime } from '../../../src/domain/text/zonedTime.js';
import { renderNewsSitemap, renderRobotsTxt, renderSitemapIndex, renderUrlSet } from '../../../src/feeds/sitemaps.js';
import { escapeXml } from '../../../src/feeds/xml.js';

const XMLLINT = '/usr/bin/xmllint';
const SCHEMAS = path.resolve('../shared/data/schemas/sitemaps');
const hasXmllint = existsSync(XMLLINT);
if (!hasXmllint && process.env.CI) throw new Error(`${XMLLINT} is missing and CI is set: sitemap validation cannot be skipped`);
if (!hasXmllint) console.warn(`[khabar tests] ${XMLLINT} is missing: sitemap schema validation is skipped (apt-get install libxml2-utils)`);

const dir = mkdtempSync(path.join(tmpdir(), 'khabar-sitemap-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** Validates with xmllint against a schema of ../shared/data/schemas/sitemaps; throws with its message when invalid. */
function validate(xml: string, schema: 'all-local.xsd' | 'siteindex.xsd') {
  const file = path.join(dir, `s${n++}.xml`);
  writeFileSync(file, xml);
  execFileSync(XMLLINT, ['--noout', '--nonet', '--schema', path.join(SCHEMAS, schema), file], { stdio: 'pipe' });
}

const zone = zonedTime('Africa/Casablanca');
const base = 'https://khabar.example';

describe('escapeXml', () => {
  it('escapes the five special characters exactly once', () => {
    expect(escapeXml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
    expect(escapeXml('Q&amp;A')).toBe('Q&amp;amp;A');
    expect(escapeXml(escapeXml('&'))).toBe('&amp;amp;');
    expect(escapeXml('خبر عاجل')).toBe('خبر عاجل');
  });

  it('removes characters XML 1.0 forbids and keeps tab, newline, return and surrogate pairs', () => {
    expect(escapeXml('a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh')).toBe('abcdefgh');
    expect(escapeXml('\t\n\r')).toBe('\t\n\r');
    expect(escapeXml('x\uD800y\uDC00z')).toBe('xyz');
    expect(escapeXml('😀 \uD83D\uDE00')).toBe('😀 😀');
  });
});

describe('sitemap renderers', () => {
  const articleUrl = base + encodePath('/2026/11/الماء-في-الدار-البيضاء/');
  const lastmod = zone.isoWithOffset(new Date('2026-11-29T10:00:00.000Z'));

  it('renders an index with percent-encoded locs and offset lastmods', () => {
    const xml = renderSitemapIndex([
      { loc: `${base}/sitemap-posts-2026-11.xml`, lastmod },
      { loc: `${base}/sitemap-pages.xml`, lastmod: null },
    ]);
    expect(lastmod).toBe('2026-11-29T11:00:00+01:00');
    expect(xml).toContain(`<sitemap><loc>${base}/sitemap-posts-2026-11.xml</loc><lastmod>2026-11-29T11:00:00+01:00</lastmod></sitemap>`);
    expect(xml).toContain(`<sitemap><loc>${base}/sitemap-pages.xml</loc></sitemap>`);
    if (hasXmllint) validate(xml, 'siteindex.xsd');
  });

  it('renders a URL set with images, escaping text once and stripping illegal characters', () => {
    const xml = renderUrlSet([
      {
        loc: articleUrl,
        lastmod,
        images: [{ loc: `${base}/media/${encodePath('demo/صورة.svg')}`, title: 'ماء & كهرباء', caption: 'تعليق <مهم>\u0001 "ب"' }],
      },
      { loc: `${base}/?p=1&x=2` },
    ]);
    expect(xml).toContain('xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"');
    expect(xml).toContain(`<loc>${articleUrl}</loc>`);
    expect(articleUrl).toMatch(/^https:\/\/khabar\.example\/2026\/11\/%D8%A7%D9%84%D9%85%D8%A7%D8%A1-/);
    expect(xml).toContain('<image:caption>تعليق &lt;مهم&gt; &quot;ب&quot;</image:caption><image:title>ماء &amp; كهرباء</image:title>');
    expect(xml).toContain(`<loc>${base}/?p=1&amp;x=2</loc>`);
    expect(xml).not.toContain('&amp;amp;');
    expect(xml).not.toContain('\u0001');
    if (hasXmllint) validate(xml, 'all-local.xsd');
  });

  it('declares no image namespace without images', () => {
    const xml = renderUrlSet([{ loc: articleUrl, lastmod }]);
    expect(xml).not.toContain('sitemap-image');
    if (hasXmllint) validate(xml, 'all-local.xsd');
  });

  it('renders a Google News sitemap with publication, language, offset date and title', () => {
    const xml = renderNewsSitemap([
      { loc: articleUrl, title: 'الماء & "الكهرباء"', publicationDate: lastmod, publicationName: 'خبر', language: 'ar' },
    ]);
    expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    expect(xml).toContain(
      '<news:news><news:publication><news:name>خبر</news:name><news:language>ar</news:language></news:publication>' +
        '<news:publication_date>2026-11-29T11:00:00+01:00</news:publication_date><news:title>الماء &amp; &quot;الكهرباء&quot;</news:title></news:news>',
    );
    if (hasXmllint) validate(xml, 'all-local.xsd');
  });

  it('renders robots.txt naming both sitemaps with absolute URLs', () => {
    const txt = renderRobotsTxt({ baseUrl: `${base}/`, sitemaps: ['/sitemap.xml', '/news-sitemap.xml'] });
    expect(txt).toBe(
      ['User-agent: *', 'Allow: /', 'Disallow: /admin/', 'Disallow: /search', '', `Sitemap: ${base}/sitemap.xml`, `Sitemap: ${base}/news-sitemap.xml`, ''].join('\n'),
    );
  });

  it.skipIf(!hasXmllint)('has a validator that rejects a broken sitemap', () => {
    const bad = path.resolve('../shared/data/schemas/sitemap-fixtures/sitemap.js-mocks/bad-tag-sitemap.xml');
    expect(() =>
      execFileSync(XMLLINT, ['--noout', '--nonet', '--schema', path.join(SCHEMAS, 'all-local.xsd'), bad], { stdio: 'pipe' }),
    ).toThrow();
  });
});
