import { z } from 'zod';
import type { Actor } from '../../domain/access.js';
import type { Tag } from '../../domain/tag.js';
import { slugify, uniqueSlug } from '../../domain/text/slug.js';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../authorize.js';
import { actorLabel } from '../articles/articleAccess.js';
import { wholeNumber } from '../comments/listComments.js';
import { taxonomyIdOf, type TaxonomyDeps } from './manageSections.js';
import { parseWith } from './parseWith.js';

const tagSchema = z
  .object({ name: z.string().trim().min(1).max(250), slug: z.string().max(400), description: z.string().max(5000).nullable() })
  .partial()
  .strict();

/** Tags by name, optionally matching `q` (every newsroom role: the editor's tag picker). */
export async function listTags(deps: TaxonomyDeps, actor: Actor, input: { q?: unknown; page?: unknown; perPage?: unknown; ids?: unknown } = {}): Promise<Tag[]> {
  authorize(actor, 'articles.create');
  // `ids=3,17,42`: the named tags only (the editor showing an article's tags on a site with tens of thousands).
  if (input.ids !== undefined) return deps.store.tags.findByIds(tagIdsOf(input.ids));
  const perPage = wholeNumber(input.perPage, 'perPage', 1, 200, 50);
  const page = wholeNumber(input.page, 'page', 1, 100_000, 1);
  const q = typeof input.q === 'string' && input.q.trim() !== '' ? input.q.trim().slice(0, 100) : undefined;
  return deps.store.tags.list({ limit: perPage, offset: (page - 1) * perPage }, q);
}

/**
 * Creates a tag (taxonomy.manage). An existing tag with the same slug is returned instead, so the
 * editor's "create inline" never makes duplicates.
 */
export async function createTag(deps: TaxonomyDeps, actor: Actor, input: unknown): Promise<Tag> {
  authorize(actor, 'taxonomy.manage');
  const fields = parseWith(tagSchema, input);
  if (!fields.name) throw new AppError('INVALID_INPUT', 'name: a tag needs a name', { field: 'name' });
  const slug = slugify(fields.slug ?? fields.name);
  if (slug === '') throw new AppError('INVALID_INPUT', 'slug: nothing usable is left of it', { field: 'slug' });
  const existing = await deps.store.tags.findBySlug(slug);
  if (existing) return existing;
  return deps.store.tags.create({ slug: await uniqueSlug(slug, async (s) => (await deps.store.tags.findBySlug(s)) !== null), name: fields.name, description: fields.description ?? null });
}

export async function updateTag(deps: TaxonomyDeps, actor: Actor, id: unknown, input: unknown): Promise<Tag> {
  authorize(actor, 'taxonomy.manage');
  const tagId = taxonomyIdOf(id, 'tag');
  const fields = parseWith(tagSchema, input);
  const changes: { name?: string; slug?: string; description?: string | null } = {};
  if (fields.name !== undefined) changes.name = fields.name;
  if (fields.description !== undefined) changes.description = fields.description;
  if (fields.slug !== undefined) {
    const slug = slugify(fields.slug);
    if (slug === '') throw new AppError('INVALID_INPUT', 'slug: nothing usable is left of it', { field: 'slug' });
    const holder = await deps.store.tags.findBySlug(slug);
    if (holder && holder.id !== tagId) throw new AppError('SLUG_TAKEN', `tag slug ${slug} is taken`, { field: 'slug' });
    changes.slug = slug;
  }
  const updated = await deps.store.tags.update(tagId, changes);
  if (!updated) throw new AppError('NOT_FOUND', `no tag ${tagId}`);
  return updated;
}

export async function deleteTag(deps: TaxonomyDeps, actor: Actor, id: unknown): Promise<{ deleted: number }> {
  authorize(actor, 'taxonomy.manage');
  const tagId = taxonomyIdOf(id, 'tag');
  return deps.store.transaction(async (repos) => {
    const tag = await repos.tags.findById(tagId);
    if (!tag || !(await repos.tags.delete(tagId))) throw new AppError('NOT_FOUND', `no tag ${tagId}`);
    await repos.audit.record({ ...actorLabel(actor), action: 'tag.delete', targetType: 'tag', targetId: String(tagId), details: { slug: tag.slug, name: tag.name } });
    return { deleted: tagId };
  });
}

/** The ids of an `ids=3,17,42` query: whole numbers, at most 100 (an article's tag limit). */
function tagIdsOf(value: unknown): number[] {
  const parts = typeof value === 'string' && value.trim() !== '' ? value.split(',') : [];
  const ids = parts.map((part) => Number(part.trim()));
  if (ids.length === 0 || ids.length > 100 || ids.some((id) => !Number.isSafeInteger(id) || id < 1)) {
    throw new AppError('INVALID_INPUT', 'ids: from 1 to 100 tag ids separated by commas, e.g. ids=3,17', { field: 'ids' });
  }
  return [...new Set(ids)];
}
