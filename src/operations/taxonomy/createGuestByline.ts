import { z } from 'zod';
import type { Actor } from '../../domain/access.js';
import type { Author } from '../../domain/author.js';
import { stripInvisibles } from '../../domain/text/normalize.js';
import { slugify, uniqueSlug } from '../../domain/text/slug.js';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../authorize.js';
import { actorLabel } from '../articles/articleAccess.js';
import type { TaxonomyDeps } from './manageSections.js';
import { parseWith } from './parseWith.js';

const guestSchema = z.object({ name: z.string().max(250), bio: z.string().max(5000).nullable().optional() }).strict();

/**
 * Creates a guest byline: an author profile with no account (a correspondent, an agency, a
 * columnist), shown on the article and in feeds but with no author page (taxonomy.manage: editors
 * and admins, as with WordPress's Co-Authors Plus). A guest of the same name is returned instead,
 * so adding one inline never makes duplicates.
 *
 * @example await createGuestByline(deps, editor, { name: 'مراسلنا في طنجة' })
 */
export async function createGuestByline(deps: TaxonomyDeps, actor: Actor, input: unknown): Promise<Author> {
  authorize(actor, 'taxonomy.manage');
  const fields = parseWith(guestSchema, input);
  const name = stripInvisibles(fields.name).trim();
  if (name === '' || name.length > 120) throw new AppError('INVALID_INPUT', 'name: a guest byline needs a name of 1 to 120 characters', { field: 'name' });
  const base = slugify(name);
  if (base === '') throw new AppError('INVALID_INPUT', 'name: nothing usable for a slug is left of it', { field: 'name' });
  return deps.store.transaction(async (repos) => {
    const same = (await repos.authors.list()).find((a) => a.isGuest && a.name === name);
    if (same) return same;
    const slug = await uniqueSlug(base, async (s) => (await repos.authors.findBySlug(s)) !== null);
    const author = await repos.authors.create({ slug, name, bio: fields.bio ?? null, isGuest: true });
    await repos.audit.record({ ...actorLabel(actor), action: 'author.guest.create', targetType: 'author', targetId: String(author.id), details: { name } });
    return author;
  });
}
