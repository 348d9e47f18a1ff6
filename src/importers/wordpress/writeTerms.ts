import { slugify } from '../../domain/text/slug.js';
import { authorNicename } from './authorNicename.js';
import { cleanSlug } from './cleanSlug.js';
import type { BatchContext, KnownSection } from './ImportContext.js';
import type { WxrAuthor, WxrTerm } from './wxrRecords.js';

const NAME_MAX = 200;
const cut = (s: string) => [...s].slice(0, NAME_MAX).join('');

/**
 * A WordPress author → an author profile (byline with an archive) linked to a user who cannot log
 * in until invited (no password; `khabar user` / the admin invites). Without an email, or when
 * the email belongs to a user who already has a profile, the author becomes a guest byline.
 * Keyed on the login, so a re-run updates the name.
 */
export async function writeAuthor(ctx: BatchContext, author: WxrAuthor): Promise<void> {
  const { tx, tally, state } = ctx;
  const login = author.login.trim();
  if (login === '') {
    tally.failed('authors', null, 'author block without a login');
    return;
  }
  const name = cut(author.displayName ?? ([author.firstName, author.lastName].filter(Boolean).join(' ') || login));
  const existing = (await tx.imports.findKeys(state.source, 'author', [login])).get(login);
  if (existing !== undefined) {
    await tx.imports.updateAuthor(existing, { name, bio: null });
    const [row] = await tx.authors.findByIds([existing]);
    if (row) {
      ctx.stage(() => state.authors.set(login, { id: row.id, slug: row.slug }));
      tally.updated('authors');
      return;
    }
  }
  const slug = authorNicename(login) || slugify(name) || `author-${cleanSlug(login, name)}`;
  const same = await tx.authors.findBySlug(slug);
  if (same) {
    await tx.imports.putKeys(state.source, 'author', [{ sourceId: login, id: same.id }]);
    ctx.stage(() => state.authors.set(login, { id: same.id, slug: same.slug }));
    tally.updated('authors');
    tally.note('authors', login, `joined the existing author profile "${same.slug}"`);
    return;
  }
  let userId: number | null = null;
  const email = author.email?.trim().toLowerCase() ?? '';
  if (/^[^@\s]+@[^@\s]+$/.test(email) && email.length <= 254) {
    const user = await tx.users.findByEmail(email);
    if (!user) userId = (await tx.users.create({ email, displayName: name, role: 'author', passwordHash: null })).id;
    else if (!(await tx.authors.findByUserId(user.id))) userId = user.id;
  }
  const created = await tx.authors.create({ slug, name, userId, isGuest: userId === null });
  await tx.imports.putKeys(state.source, 'author', [{ sourceId: login, id: created.id }]);
  ctx.stage(() => state.authors.set(login, { id: created.id, slug: created.slug }));
  tally.created('authors');
  if (userId === null) tally.note('authors', login, 'no usable email: imported as a guest byline (no account, no archive page)');
}

/** A byline named only by `dc:creator` (no author block): a guest byline, made once. */
export async function bylineFor(ctx: BatchContext, login: string): Promise<number | null> {
  const { tx, state } = ctx;
  const known = state.authors.get(login)?.id ?? ctx.local.get(`author:${login}`);
  if (known !== undefined) return known;
  await writeAuthor(ctx, { wpId: null, login, email: null, displayName: login, firstName: null, lastName: null });
  const id = (await tx.imports.findKeys(state.source, 'author', [login])).get(login);
  if (id !== undefined) ctx.local.set(`author:${login}`, id);
  return id ?? null;
}

/**
 * A category (or a `wp:term` of taxonomy category) → a section, keyed on its cleaned slug: the
 * slug is what old URLs carry (`/category/<parent>/<slug>/`). Parents are linked once every
 * category is in (fixSectionParents): a child may come before its parent.
 */
export async function writeSection(ctx: BatchContext, term: WxrTerm): Promise<KnownSection | null> {
  const { tx, tally, state } = ctx;
  const name = cut(term.name.trim() || term.slug);
  const slug = cleanSlug(term.slug, name);
  if (slug === '') {
    tally.failed('sections', term.wpId, 'category without a slug or a name');
    return null;
  }
  const description = term.description?.trim() || null;
  const parentSlug = term.parentSlug ? cleanSlug(term.parentSlug, term.parentSlug) : null;
  const keyed = (await tx.imports.findKeys(state.source, 'section', [slug])).get(slug);
  let section = keyed !== undefined ? await tx.sections.findById(keyed) : null;
  let existed = section !== null;
  if (section) section = await tx.sections.update(section.id, { name, description });
  if (!section) {
    section = await tx.sections.findBySlug(slug);
    existed = section !== null;
    if (!section) section = await tx.sections.create({ slug, name, description });
    await tx.imports.putKeys(state.source, 'section', [{ sourceId: slug, id: section.id }]);
  }
  const known: KnownSection = { id: section.id, slug: section.slug, parentId: section.parentId };
  ctx.stage(() => {
    state.sections.set(slug, known);
    state.sectionsById.set(known.id, known);
    state.sectionPaths.clear();
    if (parentSlug && parentSlug !== slug) state.sectionParents.set(slug, parentSlug);
  });
  tally.wrote('sections', existed);
  return known;
}

/** Links sections to their parents by slug (after every category was written). */
export async function fixSectionParents(ctx: BatchContext): Promise<void> {
  const { tx, state } = ctx;
  for (const [slug, parentSlug] of state.sectionParents) {
    const child = state.sections.get(slug);
    const parent = state.sections.get(parentSlug);
    if (!child || !parent || child.parentId === parent.id || createsCycle(state.sectionsById, child.id, parent.id)) continue;
    await tx.sections.update(child.id, { parentId: parent.id });
    const next = { ...child, parentId: parent.id };
    ctx.stage(() => {
      state.sections.set(slug, next);
      state.sectionsById.set(next.id, next);
      state.sectionPaths.clear();
    });
  }
}

function createsCycle(byId: ReadonlyMap<number, KnownSection>, childId: number, parentId: number): boolean {
  let at: number | null = parentId;
  const seen = new Set<number>();
  while (at !== null && !seen.has(at)) {
    if (at === childId) return true;
    seen.add(at);
    at = byId.get(at)?.parentId ?? null;
  }
  return false;
}

/** A tag, keyed on its cleaned slug; an existing tag of the same slug is reused. */
export async function writeTag(ctx: BatchContext, term: WxrTerm): Promise<number | null> {
  const { tx, tally, state } = ctx;
  const name = cut(term.name.trim() || term.slug);
  const slug = cleanSlug(term.slug, name);
  if (slug === '') {
    tally.failed('tags', term.wpId, 'tag without a slug or a name');
    return null;
  }
  const description = term.description?.trim() || null;
  const keyed = (await tx.imports.findKeys(state.source, 'tag', [slug])).get(slug);
  let tag = keyed !== undefined ? await tx.tags.update(keyed, { name, description }) : null;
  let existed = tag !== null;
  if (!tag) {
    tag = await tx.tags.findBySlug(slug);
    existed = tag !== null;
    if (!tag) tag = await tx.tags.create({ slug, name, description });
    await tx.imports.putKeys(state.source, 'tag', [{ sourceId: slug, id: tag.id }]);
  }
  const id = tag.id;
  ctx.stage(() => state.tags.set(slug, id));
  tally.wrote('tags', existed);
  return id;
}

/** `wp:term`: categories and tags join their kind; other taxonomies (menus, formats, custom) are counted and skipped. */
export async function writeTerm(ctx: BatchContext, term: WxrTerm): Promise<void> {
  if (term.taxonomy === 'category') await writeSection(ctx, term);
  else if (term.taxonomy === 'post_tag') await writeTag(ctx, term);
  else ctx.tally.skipped('terms', term.wpId, `taxonomy "${term.taxonomy || '?'}" has no Khabar equivalent`);
}
