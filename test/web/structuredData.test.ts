import { describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { TEST_NOW } from '../support/khabar.js';
import { siteOnStore } from '../support/siteOnStore.js';
import { storeKinds } from '../support/stores.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const urlOf = (slug: string, hoursAgo: number) =>
  encodePath(permalink.build({ id: 0, slug, publishedAt: new Date(TEST_NOW.getTime() - hoursAgo * 3_600_000), categoryPath: '', authorSlug: '' }));

function jsonLd(html: string): Array<Record<string, any>> {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

function meta(html: string, property: string): string[] {
  return [...html.matchAll(new RegExp(`<meta (?:property|name)="${property.replace(/[:.]/g, '\\$&')}" content="([^"]*)"`, 'g'))].map((m) => m[1]!);
}

const withImage = demoContent.articles.find((a) => a.image && a.authors.length === 1)!;

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`structured data and social cards [${kind.name}]`, () => {
    const env = siteOnStore(kind);
    const get = (url: string) => env.site.khabar.app.inject({ method: 'GET', url });

    it('describes an article as a NewsArticle with a breadcrumb trail', async () => {
      const url = urlOf(withImage.slug, withImage.hoursAgo);
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      const [article, crumbs] = jsonLd(res.body);
      const canonical = `https://khabar.example${url}`;
      expect(article).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: withImage.title,
        inLanguage: 'ar-MA',
        isAccessibleForFree: true,
        mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
        publisher: { '@type': 'NewsMediaOrganization', name: demoContent.site.name, logo: { url: 'https://khabar.example/assets/favicon.svg' } },
      });
      expect(article!.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00$/);
      expect(article!.image).toEqual([`https://khabar.example/media/demo/${withImage.image!.file}`]);
      expect(article!.author).toEqual([
        { '@type': 'Person', name: demoContent.authors.find((a) => a.slug === withImage.authors[0])!.name, url: `https://khabar.example${encodePath(`/author/${withImage.authors[0]}/`)}` },
      ]);
      expect(article!.articleSection).toBe(demoContent.sections.find((s) => s.slug === withImage.sections[0])!.name);
      expect(crumbs!['@type']).toBe('BreadcrumbList');
      const items = crumbs!.itemListElement as Array<{ position: number; item: string }>;
      expect(items.map((i) => i.position)).toEqual(items.map((_, i) => i + 1));
      expect(items[0]!.item).toBe('https://khabar.example/');
      expect(items.at(-1)!.item).toBe(canonical);
    });

    it('writes OpenGraph and Twitter card tags for an article, and asks for large image previews', async () => {
      const res = await get(urlOf(withImage.slug, withImage.hoursAgo));
      expect(meta(res.body, 'og:type')).toEqual(['article']);
      expect(meta(res.body, 'og:locale')).toEqual(['ar_MA']);
      expect(meta(res.body, 'og:image')).toEqual([`https://khabar.example/media/demo/${withImage.image!.file}`]);
      expect(meta(res.body, 'og:image:width')).toEqual(['1600']);
      expect(meta(res.body, 'og:image:alt')).toEqual([withImage.image!.alt]);
      expect(meta(res.body, 'article:published_time')[0]).toMatch(/\+01:00$/);
      expect(meta(res.body, 'article:tag').length).toBe(withImage.tags.length);
      expect(meta(res.body, 'twitter:card')).toEqual(['summary_large_image']);
      expect(meta(res.body, 'robots')).toEqual(['max-image-preview:large']);
      expect(meta(res.body, 'robots').concat(meta((await get('/nothing-here/')).body, 'robots'))).toContain('noindex');
    });

    it('describes the publication on the home page', async () => {
      const types = jsonLd((await get('/')).body).map((d) => d['@type']);
      expect(types).toEqual(['NewsMediaOrganization', 'WebSite']);
      const website = jsonLd((await get('/')).body)[1]!;
      expect(website.potentialAction).toEqual({
        '@type': 'SearchAction',
        target: { '@type': 'EntryPoint', urlTemplate: 'https://khabar.example/search?q={search_term_string}' },
        'query-input': 'required name=search_term_string',
      });
      expect(jsonLd((await get(encodePath('/category/مجتمع/'))).body).map((d) => d['@type'])).toEqual(['BreadcrumbList']);
    });

    it('keeps structured data inert whatever a headline contains', async () => {
      const section = (await env.store.sections.findBySlug('مجتمع'))!;
      await env.store.articles.create({
        slug: 'عنوان-خطر',
        title: 'خبر </script><script>alert(1)</script> & <!-- x',
        body: '<p>نص</p>',
        status: 'published',
        publishedAt: new Date(TEST_NOW.getTime() - 120_000),
        sectionIds: [section.id],
        readingMinutes: 1,
      });
      const res = await get(urlOf('عنوان-خطر', 2 / 60));
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script>alert(1)');
      expect(res.body).not.toContain('<!-- x');
      expect(jsonLd(res.body)[0]!.headline).toBe('خبر </script><script>alert(1)</script> & <!-- x');
    });
  });
}
