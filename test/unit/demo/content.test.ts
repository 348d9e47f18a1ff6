import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { demoContent } from '../../../src/demo/content.js';

const assetsDir = fileURLToPath(new URL('../../../assets/demo/', import.meta.url));

const { sections, authors, tags, articles, pages } = demoContent;

const ALLOWED_TAGS = new Set(['p', 'h2', 'h3', 'ul', 'ol', 'li', 'blockquote', 'strong', 'em', 'a']);
/** Harakat (U+064B–U+0652) and tatweel (U+0640); tatweel counts as a letter (\p{Lm}), so it is checked on its own. */
const HARAKAT_OR_TATWEEL = /[\u064B-\u0652\u0640]/u;
/** Letters and digits, in words joined by single hyphens. */
const SLUG_SHAPE = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...dup];
}

function slugProblems(slug: string): string[] {
  const problems: string[] = [];
  if (HARAKAT_OR_TATWEEL.test(slug)) problems.push('harakat or tatweel');
  if (/\s/u.test(slug)) problems.push('whitespace');
  if (!SLUG_SHAPE.test(slug)) problems.push('characters other than letters, digits and single inner hyphens');
  if (/\p{Lu}/u.test(slug)) problems.push('upper-case letters');
  return problems;
}

/** Problems in a body: tags outside the allow-list, attributes other than a[href=https://…], stray angle brackets. */
function bodyProblems(html: string): string[] {
  const problems: string[] = [];
  const tagRe = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g;
  for (const m of html.matchAll(tagRe)) {
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    const attrs = m[3] ?? '';
    if (!ALLOWED_TAGS.has(name)) {
      problems.push(`tag <${name}>`);
      continue;
    }
    if (closing) {
      if (attrs.trim() !== '') problems.push(`attributes on </${name}>`);
    } else if (name === 'a') {
      if (!/^\s+href="https:\/\/[^"\s<>]+"$/.test(attrs)) problems.push(`<a${attrs}>`);
    } else if (attrs.trim() !== '') {
      problems.push(`attributes on <${name}>`);
    }
  }
  const text = html.replace(tagRe, '');
  if (/[<>]/.test(text)) problems.push('stray < or >');
  if (/style=|<img|<script/i.test(html)) problems.push('style, image or script');
  return problems;
}

function wordCount(html: string): number {
  return html
    .replace(/<[^>]+>/g, ' ')
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

describe('demo content', () => {
  it('has the site name and a tagline', () => {
    expect(demoContent.site.name).toBe('خبر');
    expect(demoContent.site.tagline.length).toBeGreaterThan(0);
  });

  it('has exactly 32 articles and the expected collections', () => {
    expect(articles).toHaveLength(32);
    expect(sections.length).toBeGreaterThanOrEqual(7);
    expect(authors).toHaveLength(4);
    expect(tags.length).toBeGreaterThanOrEqual(12);
    expect(tags.length).toBeLessThanOrEqual(20);
    expect(pages.map((p) => p.slug).sort()).toEqual(['اتصل-بنا', 'سياسة-الخصوصية', 'من-نحن'].sort());
  });

  it('has unique slugs in every collection', () => {
    expect(duplicates(articles.map((a) => a.slug))).toEqual([]);
    expect(duplicates(sections.map((s) => s.slug))).toEqual([]);
    expect(duplicates(tags.map((t) => t.slug))).toEqual([]);
    expect(duplicates(authors.map((a) => a.slug))).toEqual([]);
    expect(duplicates(pages.map((p) => p.slug))).toEqual([]);
  });

  it('has well-formed slugs: no harakat, no tatweel, no spaces, no punctuation but inner hyphens', () => {
    const all = [
      ...articles.map((a) => a.slug),
      ...sections.map((s) => s.slug),
      ...tags.map((t) => t.slug),
      ...authors.map((a) => a.slug),
      ...pages.map((p) => p.slug),
    ];
    const bad = all.map((slug) => ({ slug, problems: slugProblems(slug) })).filter((x) => x.problems.length > 0);
    expect(bad).toEqual([]);
  });

  it('has at least one article slug longer than 60 characters (slugs are not truncated)', () => {
    expect(articles.some((a) => [...a.slug].length > 60)).toBe(true);
  });

  it('has Arabic and Latin slugs for authors and tags', () => {
    const latin = /^[a-z0-9-]+$/;
    expect(authors.some((a) => latin.test(a.slug))).toBe(true);
    expect(authors.some((a) => !latin.test(a.slug))).toBe(true);
    expect(tags.some((t) => latin.test(t.slug))).toBe(true);
    expect(tags.some((t) => !latin.test(t.slug))).toBe(true);
  });

  it('references only existing sections, tags and authors', () => {
    const sectionSlugs = new Set(sections.map((s) => s.slug));
    const tagSlugs = new Set(tags.map((t) => t.slug));
    const authorSlugs = new Set(authors.map((a) => a.slug));
    for (const s of sections) {
      if (s.parent !== undefined) expect(sectionSlugs.has(s.parent), `${s.slug} → ${s.parent}`).toBe(true);
    }
    for (const a of articles) {
      expect(a.sections.length, a.slug).toBeGreaterThan(0);
      expect(a.tags.length, a.slug).toBeGreaterThanOrEqual(1);
      expect(a.tags.length, a.slug).toBeLessThanOrEqual(4);
      expect(a.authors.length, a.slug).toBeGreaterThan(0);
      for (const s of a.sections) expect(sectionSlugs.has(s), `${a.slug}: section ${s}`).toBe(true);
      for (const t of a.tags) expect(tagSlugs.has(t), `${a.slug}: tag ${t}`).toBe(true);
      for (const au of a.authors) expect(authorSlugs.has(au), `${a.slug}: author ${au}`).toBe(true);
      expect(duplicates(a.sections), a.slug).toEqual([]);
      expect(duplicates(a.tags), a.slug).toEqual([]);
      expect(duplicates(a.authors), a.slug).toEqual([]);
    }
  });

  it('has exactly one subsection and one guest author who co-signs an article', () => {
    expect(sections.filter((s) => s.parent !== undefined)).toHaveLength(1);
    const guests = authors.filter((a) => a.guest === true);
    expect(guests).toHaveLength(1);
    const guest = guests[0]!.slug;
    expect(articles.some((a) => a.authors.length === 2 && a.authors.includes(guest))).toBe(true);
  });

  it('spreads articles over sections', () => {
    const primary = (slug: string) => articles.filter((a) => a.sections[0] === slug).length;
    expect(primary('مجتمع')).toBeGreaterThanOrEqual(6);
    for (const s of sections) expect(primary(s.slug), s.slug).toBeGreaterThanOrEqual(3);
  });

  it('has exactly one breaking article, recent, and two or three featured ones', () => {
    const breaking = articles.filter((a) => a.breaking === true);
    expect(breaking).toHaveLength(1);
    expect(breaking[0]!.hoursAgo).toBeLessThanOrEqual(3);
    const featured = articles.filter((a) => a.featured === true).length;
    expect(featured).toBeGreaterThanOrEqual(2);
    expect(featured).toBeLessThanOrEqual(3);
  });

  it('has sensible publication and update times', () => {
    for (const a of articles) {
      expect(a.hoursAgo, a.slug).toBeGreaterThanOrEqual(1);
      expect(a.hoursAgo, a.slug).toBeLessThanOrEqual(1000);
      if (a.updatedAfterHours !== undefined) {
        expect(a.updatedAfterHours, a.slug).toBeGreaterThan(0);
        expect(a.updatedAfterHours, a.slug).toBeLessThanOrEqual(a.hoursAgo);
      }
    }
  });

  it('uses only the allowed HTML in article and page bodies', () => {
    const bad = [...articles, ...pages]
      .map((x) => ({ slug: x.slug, problems: bodyProblems(x.body) }))
      .filter((x) => x.problems.length > 0);
    expect(bad).toEqual([]);
  });

  it('has no placeholder text', () => {
    for (const x of [...articles, ...pages]) {
      expect(/lorem|ipsum|TODO|placeholder/i.test(x.body), x.slug).toBe(false);
    }
  });

  it('has short briefs and long features', () => {
    const counts = articles.map((a) => wordCount(a.body));
    expect(counts.filter((n) => n < 120).length).toBeGreaterThanOrEqual(2);
    expect(counts.filter((n) => n >= 800).length).toBeGreaterThanOrEqual(3);
  });

  it('says on the about page that the content is fictional, and never publishes commenters’ emails', () => {
    const about = pages.find((p) => p.slug === 'من-نحن');
    const privacy = pages.find((p) => p.slug === 'سياسة-الخصوصية');
    expect(about?.body).toContain('موقع تجريبي');
    expect(about?.body).toContain('خيالية');
    expect(privacy?.body).toContain('البريد الإلكتروني');
    expect(privacy?.body).toContain('أبدا');
  });

  it('points images to safe SVG files that exist in assets/demo', () => {
    const withImage = articles.filter((a) => a.image !== undefined);
    expect(withImage).toHaveLength(6);
    expect(duplicates(withImage.map((a) => a.image!.file))).toEqual([]);
    for (const a of withImage) {
      const img = a.image!;
      expect(img.file, a.slug).toMatch(/^[a-z0-9-]+\.svg$/);
      expect(img.width).toBe(1600);
      expect(img.height).toBe(900);
      expect(img.alt.length, a.slug).toBeGreaterThan(10);
      expect(img.caption.length, a.slug).toBeGreaterThan(10);
      expect(img.credit).toBe('رسم: فريق خبر');
      const path = assetsDir + img.file;
      expect(existsSync(path), path).toBe(true);
      expect(statSync(path).size, path).toBeLessThan(6 * 1024);
      const svg = readFileSync(path, 'utf8');
      expect(svg, img.file).toContain('viewBox="0 0 1600 900"');
      expect(/<script/i.test(svg), img.file).toBe(false);
      expect(/<text/i.test(svg), img.file).toBe(false);
      expect(/<foreignObject|<image|xlink:href|href=|@import|url\((?!#)/i.test(svg), img.file).toBe(false);
      expect(/\son[a-z]+\s*=/i.test(svg), img.file).toBe(false);
    }
  });
});
