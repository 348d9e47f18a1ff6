import { z } from 'zod';
import { httpUrlOrEmpty } from '../../config/urlSchemas.js';
import { sanitizeArticleHtml } from '../../domain/html/sanitizeArticleHtml.js';
import { slugify } from '../../domain/text/slug.js';
import { readingMinutes } from '../../domain/text/readingTime.js';
import { AppError } from '../../errors/AppError.js';
import type { ArticleChanges, Repositories } from '../../store/ports.js';
import type { SectionDirectory } from '../site/sectionDirectory.js';

const id = z.number().int().positive();
const ids = z.array(id).max(100);
const text = (max: number) => z.string().max(max);

/** The editable fields of an article, as the admin API sends them (every field optional here). */
export const articleFieldsSchema = z
  .object({
    title: z.string().trim().min(1).max(500),
    lede: text(5000).nullable(),
    body: text(2_000_000),
    slug: z.string().max(400),
    sectionIds: ids,
    tagIds: ids,
    authorIds: ids,
    featuredMediaId: id.nullable(),
    isBreaking: z.boolean(),
    isFeatured: z.boolean(),
    commentsOpen: z.boolean(),
    seoTitle: text(300).nullable(),
    seoDescription: text(1000).nullable(),
    /** Where search engines should index the text instead (Yoast's canonical, kept by the WordPress import); empty: this page. */
    canonicalUrl: httpUrlOrEmpty.nullable(),
  })
  .partial()
  .strict();

export type ArticleFields = z.infer<typeof articleFieldsSchema>;

/** Parses the fields or throws INVALID_INPUT naming the first bad field. */
export function parseArticleFields(input: unknown): ArticleFields {
  const parsed = articleFieldsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? (issue as { keys?: string[] }).keys?.[0] : '') ?? '');
    throw new AppError('INVALID_INPUT', `${field || 'article'}: ${issue.message}`, { field });
  }
  return parsed.data;
}

/**
 * Turns checked fields into store changes: body sanitized, reading time recomputed, slug made
 * valid, every referenced section, tag, author and image checked to exist.
 */
export async function toArticleChanges(
  repos: Pick<Repositories, 'tags' | 'authors' | 'media'>,
  sections: SectionDirectory,
  fields: ArticleFields,
): Promise<ArticleChanges> {
  const changes: ArticleChanges = {};
  if (fields.title !== undefined) changes.title = fields.title;
  if (fields.lede !== undefined) changes.lede = fields.lede === null || fields.lede.trim() === '' ? null : fields.lede.trim();
  if (fields.body !== undefined) {
    changes.body = sanitizeArticleHtml(fields.body);
    changes.readingMinutes = readingMinutes(changes.body);
  }
  if (fields.slug !== undefined) {
    const slug = slugify(fields.slug);
    if (slug === '') throw new AppError('INVALID_INPUT', 'slug: nothing usable is left of it', { field: 'slug' });
    changes.slug = slug;
  }
  if (fields.sectionIds !== undefined) {
    const index = await sections.get();
    const missing = fields.sectionIds.find((s) => !index.byId.has(s));
    if (missing !== undefined) throw new AppError('INVALID_INPUT', `sectionIds: no section ${missing}`, { field: 'sectionIds' });
    changes.sectionIds = fields.sectionIds;
  }
  if (fields.tagIds !== undefined) {
    const found = new Set((await repos.tags.findByIds(fields.tagIds)).map((t) => t.id));
    const missing = fields.tagIds.find((t) => !found.has(t));
    if (missing !== undefined) throw new AppError('INVALID_INPUT', `tagIds: no tag ${missing}`, { field: 'tagIds' });
    changes.tagIds = fields.tagIds;
  }
  if (fields.authorIds !== undefined) {
    const found = new Set((await repos.authors.findByIds(fields.authorIds)).map((a) => a.id));
    const missing = fields.authorIds.find((a) => !found.has(a));
    if (missing !== undefined) throw new AppError('INVALID_INPUT', `authorIds: no author ${missing}`, { field: 'authorIds' });
    changes.authorIds = fields.authorIds;
  }
  if (fields.featuredMediaId !== undefined) {
    if (fields.featuredMediaId !== null && (await repos.media.findByIds([fields.featuredMediaId])).length === 0) {
      throw new AppError('INVALID_INPUT', `featuredMediaId: no media ${fields.featuredMediaId}`, { field: 'featuredMediaId' });
    }
    changes.featuredMediaId = fields.featuredMediaId;
  }
  for (const key of ['isBreaking', 'isFeatured', 'commentsOpen'] as const) if (fields[key] !== undefined) changes[key] = fields[key];
  for (const key of ['seoTitle', 'seoDescription'] as const) {
    const value = fields[key];
    if (value !== undefined) changes[key] = value === null || value.trim() === '' ? null : value.trim();
  }
  if (fields.canonicalUrl !== undefined) changes.canonicalUrl = fields.canonicalUrl === null || fields.canonicalUrl === '' ? null : fields.canonicalUrl;
  return changes;
}

/** Throws SLUG_TAKEN when another article has the slug. */
export async function checkSlugFree(repos: Pick<Repositories, 'articles'>, slug: string, ownId: number | null): Promise<void> {
  const holder = await repos.articles.findBySlug(slug);
  if (holder && holder.id !== ownId) throw new AppError('SLUG_TAKEN', `slug ${slug} is used by article ${holder.id}`, { field: 'slug' });
}
