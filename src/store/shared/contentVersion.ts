import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * A reader of the content version (see m002_content_version). Every request asks for it, so the
 * query is compiled once and executed as is.
 */
export function contentVersionReader(db: Kysely<Database>): () => Promise<number> {
  const query = db.selectFrom('khabar_state').select('value').where('key', '=', 'content_version').compile();
  return async () => Number((await db.executeQuery(query)).rows[0]?.value ?? 0);
}

/** Moves the content version on; call it after (or in the transaction of) a write readers see. */
export async function bumpContentVersion(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('khabar_state')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('key', '=', 'content_version')
    .execute();
}
