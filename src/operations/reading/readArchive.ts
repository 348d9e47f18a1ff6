import type { ArticleCard } from '../../domain/article.js';
import type { Author } from '../../domain/author.js';
import type { Media } from '../../domain/media.js';
import type { Section } from '../../domain/section.js';
import type { Tag } from '../../domain/tag.js';
import type { PublishedFilter } from '../../store/ports.js';
import { loadMedia } from './loadMedia.js';
import type { ReadingDeps } from './ReadingDeps.js';
import { readFrame, type FrameData } from './readFrame.js';

export type ArchiveSubject =
  | { kind: 'section'; section: Section }
  | { kind: 'tag'; tag: Tag }
  | { kind: 'author'; author: Author };

export interface ArchiveData {
  frame: FrameData;
  subject: ArchiveSubject;
  articles: ArticleCard[];
  page: number;
  totalPages: number;
  total: number;
  media: Map<number, Media>;
}

/**
 * One page of a section (with its subsections), tag or author archive.
 * Returns null for a page past the end (page 1 of an empty archive exists: it shows an empty state).
 */
export async function readArchive(deps: ReadingDeps, subject: ArchiveSubject, page: number): Promise<ArchiveData | null> {
  const frame = await readFrame(deps);
  const filter: PublishedFilter =
    subject.kind === 'section'
      ? { sectionIds: frame.sections.subtreeIds(subject.section.id) }
      : subject.kind === 'tag'
        ? { tagId: subject.tag.id }
        : { authorId: subject.author.id };
  const perPage = frame.settings.perPage;
  const [articles, total] = await Promise.all([
    deps.store.articles.listPublished(filter, { limit: perPage, offset: (page - 1) * perPage }),
    deps.store.articles.countPublished(filter),
  ]);
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  if (page > totalPages) return null;
  const media = await loadMedia(deps.store, articles);
  return { frame, subject, articles, page, totalPages, total, media };
}

/** Finds the subject of an archive URL; sections are addressed by their full path ("رياضة/كرة-القدم"). */
export async function findArchiveSubject(
  deps: ReadingDeps,
  kind: ArchiveSubject['kind'],
  slugPath: string,
): Promise<{ subject: ArchiveSubject; canonicalSlugPath: string } | null> {
  if (kind === 'section') {
    const sections = await deps.sections.get();
    const last = slugPath.split('/').filter(Boolean).pop();
    const section = last === undefined ? undefined : sections.bySlug.get(last);
    return section ? { subject: { kind, section }, canonicalSlugPath: sections.path(section) } : null;
  }
  if (slugPath.includes('/')) return null;
  if (kind === 'tag') {
    const tag = await deps.store.tags.findBySlug(slugPath);
    return tag ? { subject: { kind, tag }, canonicalSlugPath: tag.slug } : null;
  }
  const author = await deps.store.authors.findBySlug(slugPath);
  // Guest bylines have no archive page.
  return author && !author.isGuest ? { subject: { kind, author }, canonicalSlugPath: author.slug } : null;
}
