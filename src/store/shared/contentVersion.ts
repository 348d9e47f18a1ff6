import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * A reader of the content version (see m002_content_version): every reader-visible write moves it
 * when it records its purge (purgeLog.ts), so it is also the newest purge log sequence. The query
 * is compiled once and executed as is.
 */
export function contentVersionReader(db: Kysely<Database>): () => Promise<number> {
  return stateCounterReader(db, 'content_version');
}

/** A reader of one counter of `khabar_state` (0 while its row does not exist), compiled once. */
export function stateCounterReader(db: Kysely<Database>, key: string): () => Promise<number> {
  const query = db.selectFrom('khabar_state').select('value').where('key', '=', key).compile();
  return async () => Number((await db.executeQuery(query)).rows[0]?.value ?? 0);
}
