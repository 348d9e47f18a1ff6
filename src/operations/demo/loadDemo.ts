import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DemoContent } from '../../demo/types.js';
import { sanitizeArticleHtml } from '../../domain/html/sanitizeArticleHtml.js';
import { readingMinutes } from '../../domain/text/readingTime.js';
import { AppError } from '../../errors/AppError.js';
import type { MediaStorage } from '../../media/MediaStorage.js';
import type { Store } from '../../store/ports.js';
import { SITE_SETTINGS_KEY } from '../site/siteSettings.js';

export interface LoadDemoDeps {
  store: Store;
  media: MediaStorage;
  /** Folder holding the demo illustrations (assets/demo). */
  imagesDir: string;
  now: () => Date;
}

export interface DemoReport {
  sections: number;
  tags: number;
  authors: number;
  articles: number;
  pages: number;
  images: number;
}

/** True when the store holds no content at all: the only state demo content may be loaded into. */
export async function isStoreEmpty(store: Store): Promise<boolean> {
  const [articles, sections, pages] = await Promise.all([
    store.articles.count(),
    store.sections.list(),
    store.pages.listPublished(),
  ]);
  return articles === 0 && sections.length === 0 && pages.length === 0;
}

/**
 * Loads the team's demo site into an empty store, in one transaction (all or nothing). Every row
 * is flagged `is_demo` and the `demo` setting records when it was loaded, so the newsroom can tell
 * demo content from real content.
 */
export async function loadDemo(deps: LoadDemoDeps, content: DemoContent): Promise<DemoReport> {
  if (!(await isStoreEmpty(deps.store))) {
    throw new AppError('DEMO_NOT_EMPTY', 'the store already has content; demo content is only loaded into an empty store');
  }
  const now = deps.now();
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  // Files first: a failed transaction leaves at most unreferenced files, never rows without files.
  const images = new Map<string, { key: string; size: number }>();
  for (const article of content.articles) {
    if (!article.image || images.has(article.image.file)) continue;
    const data = await readFile(path.join(deps.imagesDir, article.image.file));
    const key = `demo/${article.image.file}`;
    await deps.media.put(key, data);
    images.set(article.image.file, { key, size: data.byteLength });
  }

  return deps.store.transaction(async (tx) => {
    const sectionIds = new Map<string, number>();
    for (const [position, s] of content.sections.entries()) {
      const parentId = s.parent === undefined ? null : sectionIds.get(s.parent);
      if (parentId === undefined) throw new AppError('INVALID_INPUT', `demo section ${s.slug}: parent ${s.parent} must come first`);
      const created = await tx.sections.create({ slug: s.slug, name: s.name, description: s.description, parentId, position });
      sectionIds.set(s.slug, created.id);
    }
    const tagIds = new Map<string, number>();
    for (const t of content.tags) tagIds.set(t.slug, (await tx.tags.create(t)).id);
    const authorIds = new Map<string, number>();
    for (const a of content.authors) {
      authorIds.set(a.slug, (await tx.authors.create({ slug: a.slug, name: a.name, bio: a.bio, isGuest: a.guest ?? false })).id);
    }
    const mediaIds = new Map<string, number>();
    const lookup = (map: Map<string, number>, slug: string, what: string) => {
      const id = map.get(slug);
      if (id === undefined) throw new AppError('INVALID_INPUT', `demo content names an unknown ${what}: ${slug}`);
      return id;
    };
    // Oldest first, so ids grow with publication time as on a real site.
    const articles = [...content.articles].sort((x, y) => y.hoursAgo - x.hoursAgo);
    const created: Array<{ id: number; hoursAgo: number; weight: number }> = [];
    for (const a of articles) {
      let featuredMediaId: number | null = null;
      if (a.image) {
        featuredMediaId = mediaIds.get(a.image.file) ?? null;
        if (featuredMediaId === null) {
          const file = images.get(a.image.file)!;
          const m = await tx.media.create({
            key: file.key,
            mimeType: 'image/svg+xml',
            width: a.image.width,
            height: a.image.height,
            sizeBytes: file.size,
            alt: a.image.alt,
            caption: a.image.caption,
            credit: a.image.credit,
          });
          featuredMediaId = m.id;
          mediaIds.set(a.image.file, m.id);
        }
      }
      const body = sanitizeArticleHtml(a.body);
      const article = await tx.articles.create({
        slug: a.slug,
        title: a.title,
        lede: a.lede,
        body,
        status: 'published',
        publishedAt: hoursAgo(a.hoursAgo),
        modifiedAt: a.updatedAfterHours === undefined ? null : hoursAgo(a.hoursAgo - a.updatedAfterHours),
        sectionIds: a.sections.map((s) => lookup(sectionIds, s, 'section')),
        tagIds: a.tags.map((t) => lookup(tagIds, t, 'tag')),
        authorIds: a.authors.map((x) => lookup(authorIds, x, 'author')),
        featuredMediaId,
        isBreaking: a.breaking ?? false,
        isFeatured: a.featured ?? false,
        readingMinutes: readingMinutes(body),
        isDemo: true,
      });
      created.push({ id: article.id, hoursAgo: a.hoursAgo, weight: (a.breaking ? 5 : 0) + (a.featured ? 3 : 0) + (a.image ? 1 : 0) });
    }
    // A plausible "most read" list from day one: recent, flagged and illustrated stories read more.
    const views = new Map(
      created
        .filter((c) => c.hoursAgo <= 7 * 24)
        .map((c) => [c.id, Math.round((40 + 60 * c.weight) * (1 - c.hoursAgo / (8 * 24)))] as const)
        .filter(([, n]) => n > 0),
    );
    await tx.articles.addViews(now.toISOString().slice(0, 10), views);
    for (const [position, p] of content.pages.entries()) {
      await tx.pages.create({ slug: p.slug, title: p.title, body: sanitizeArticleHtml(p.body), status: 'published', position, isDemo: true, publishedAt: now });
    }
    await tx.settings.set(SITE_SETTINGS_KEY, {
      name: content.site.name,
      tagline: content.site.tagline,
      follow: {
        whatsapp: 'https://whatsapp.com/channel/0029VaKhabarDemo0000000000',
        googleNews: 'https://news.google.com/publications/CAAqKhabarDemo',
      },
      social: {
        facebook: 'https://www.facebook.com/khabar.demo',
        x: 'https://x.com/khabar_demo',
        youtube: 'https://www.youtube.com/@khabar-demo',
      },
    });
    await tx.settings.set('demo', { loadedAt: now.toISOString(), note: 'demo content written by the Khabar team; safe to delete' });
    return {
      sections: sectionIds.size,
      tags: tagIds.size,
      authors: authorIds.size,
      articles: articles.length,
      pages: content.pages.length,
      images: mediaIds.size,
    };
  });
}
