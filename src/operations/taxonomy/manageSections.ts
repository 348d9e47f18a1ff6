import { z } from 'zod';
import type { Actor } from '../../domain/access.js';
import type { Section } from '../../domain/section.js';
import { slugify } from '../../domain/text/slug.js';
import { AppError } from '../../errors/AppError.js';
import type { Store } from '../../store/ports.js';
import { authorize } from '../authorize.js';
import { actorLabel } from '../articles/articleAccess.js';
import { parseWith } from './parseWith.js';

export interface TaxonomyDeps {
  store: Store;
}

const sectionSchema = z
  .object({
    name: z.string().trim().min(1).max(250),
    slug: z.string().max(400),
    description: z.string().max(5000).nullable(),
    parentId: z.number().int().positive().nullable(),
    position: z.number().int().min(0).max(1_000_000),
  })
  .partial()
  .strict();

function idOf(raw: unknown, kind: string): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new AppError('NOT_FOUND', `no ${kind} ${String(raw)}`);
  return n;
}
export { idOf as taxonomyIdOf };

async function checkParent(store: Store, parentId: number | null | undefined, ownId: number | null): Promise<void> {
  if (parentId === undefined || parentId === null) return;
  const all = new Map((await store.sections.list()).map((s) => [s.id, s]));
  if (!all.has(parentId)) throw new AppError('INVALID_INPUT', `parentId: no section ${parentId}`, { field: 'parentId' });
  // No cycles: the new parent may not be the section itself or one of its descendants.
  for (let at: number | null = parentId; at !== null; at = all.get(at)?.parentId ?? null) {
    if (at === ownId) throw new AppError('INVALID_INPUT', 'parentId: a section cannot sit under itself', { field: 'parentId' });
  }
}

async function slugFor(store: Store, raw: string | undefined, name: string | undefined, ownId: number | null): Promise<string | undefined> {
  if (raw === undefined && (ownId !== null || name === undefined)) return undefined;
  const slug = slugify(raw ?? name ?? '');
  if (slug === '') throw new AppError('INVALID_INPUT', 'slug: nothing usable is left of it', { field: 'slug' });
  const holder = await store.sections.findBySlug(slug);
  if (holder && holder.id !== ownId) throw new AppError('SLUG_TAKEN', `section slug ${slug} is taken`, { field: 'slug' });
  return slug;
}

/** Every section (any signed-in newsroom role may read them: the editor's section picker). */
export async function listSections(deps: TaxonomyDeps, actor: Actor): Promise<Section[]> {
  authorize(actor, 'articles.create');
  return deps.store.sections.list();
}

/** Every author profile, for bylines and the list's author filter (every newsroom role). */
export async function listAuthors(deps: TaxonomyDeps, actor: Actor): Promise<Array<{ id: number; name: string; slug: string; isGuest: boolean; userId: number | null }>> {
  authorize(actor, 'articles.create');
  return (await deps.store.authors.list()).map((a) => ({ id: a.id, name: a.name, slug: a.slug, isGuest: a.isGuest, userId: a.userId }));
}

/** Creates a section (taxonomy.manage: editors and admins). */
export async function createSection(deps: TaxonomyDeps, actor: Actor, input: unknown): Promise<Section> {
  authorize(actor, 'taxonomy.manage');
  const fields = parseWith(sectionSchema, input);
  if (!fields.name) throw new AppError('INVALID_INPUT', 'name: a section needs a name', { field: 'name' });
  await checkParent(deps.store, fields.parentId, null);
  const slug = (await slugFor(deps.store, fields.slug, fields.name, null))!;
  return deps.store.sections.create({ slug, name: fields.name, description: fields.description ?? null, parentId: fields.parentId ?? null, position: fields.position ?? 0 });
}

export async function updateSection(deps: TaxonomyDeps, actor: Actor, id: unknown, input: unknown): Promise<Section> {
  authorize(actor, 'taxonomy.manage');
  const sectionId = idOf(id, 'section');
  const fields = parseWith(sectionSchema, input);
  if (!(await deps.store.sections.findById(sectionId))) throw new AppError('NOT_FOUND', `no section ${sectionId}`);
  await checkParent(deps.store, fields.parentId, sectionId);
  const slug = await slugFor(deps.store, fields.slug, fields.name, sectionId);
  const updated = await deps.store.sections.update(sectionId, { ...fields, ...(slug !== undefined ? { slug } : {}) });
  if (!updated) throw new AppError('NOT_FOUND', `no section ${sectionId}`);
  return updated;
}

/** Deletes a section: its articles lose it, its children move to the top level. Audited. */
export async function deleteSection(deps: TaxonomyDeps, actor: Actor, id: unknown): Promise<{ deleted: number }> {
  authorize(actor, 'taxonomy.manage');
  const sectionId = idOf(id, 'section');
  return deps.store.transaction(async (repos) => {
    const section = await repos.sections.findById(sectionId);
    if (!section || !(await repos.sections.delete(sectionId))) throw new AppError('NOT_FOUND', `no section ${sectionId}`);
    await repos.audit.record({ ...actorLabel(actor), action: 'section.delete', targetType: 'section', targetId: String(sectionId), details: { slug: section.slug, name: section.name } });
    return { deleted: sectionId };
  });
}
