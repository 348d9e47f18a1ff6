import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SecretRepository } from '../../ports.js';
import type { Database } from '../schema.js';

/**
 * Per-site secrets created on first use. Two nodes asking at once both insert "if absent" and
 * then read the one row that won, so every node signs with the same key.
 */
export function createSecretRepository(db: Kysely<Database>, now: () => Date): SecretRepository {
  return {
    async get(name) {
      const existing = await db.selectFrom('instance_secrets').select('value').where('name', '=', name).executeTakeFirst();
      if (existing) return existing.value;
      await db
        .insertInto('instance_secrets')
        .values({ name, value: randomBytes(32).toString('base64url'), created_at: now().toISOString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db.selectFrom('instance_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      return row.value;
    },
  };
}
