import type { Kysely } from 'kysely';
import type { Article } from '../../domain/article.js';
import { articleChangeKeys } from '../../domain/surrogateKeys.js';
import type { Database } from './schema.js';

/** A section's ancestors from (id, parent) pairs, nearest first; cycles are cut. */
export function ancestorsIn(parents: ReadonlyMap<number, number | null>, id: number): number[] {
  const out: number[] = [];
  let current = parents.get(id) ?? null;
  while (current !== null && !out.includes(current) && current !== id) {
    out.push(current);
    current = parents.get(current) ?? null;
  }
  return out;
}

/** The section tree as (id → parent), read in the write's transaction. */
export async function sectionParents(conn: Kysely<Database>): Promise<Map<number, number | null>> {
  const rows = await conn.selectFrom('sections').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

/** articleChangeKeys with the section tree read from the store (only when the article is or was live). */
export async function articlePurgeKeys(conn: Kysely<Database>, before: Article | null, after: Article | null): Promise<string[]> {
  if (before?.status !== 'published' && after?.status !== 'published') return [];
  const parents = await sectionParents(conn);
  return articleChangeKeys(before, after, (id) => ancestorsIn(parents, id));
}
