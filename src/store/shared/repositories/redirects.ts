import type { Kysely } from 'kysely';
import type { Redirect } from '../../../domain/redirect.js';
import type { RedirectRepository } from '../../ports.js';
import type { Database } from '../schema.js';

export function createRedirectRepository(db: Kysely<Database>, now: () => Date): RedirectRepository {
  return {
    async put(redirect) {
      await db
        .insertInto('redirects')
        .values({
          from_path: redirect.fromPath,
          to_path: redirect.toPath,
          status_code: redirect.statusCode,
          created_at: now().toISOString(),
        })
        .onConflict((oc) =>
          oc.column('from_path').doUpdateSet({ to_path: redirect.toPath, status_code: redirect.statusCode }),
        )
        .execute();
    },
    async find(fromPath) {
      const row = await db
        .selectFrom('redirects')
        .select(['from_path', 'to_path', 'status_code'])
        .where('from_path', '=', fromPath)
        .executeTakeFirst();
      return row
        ? { fromPath: row.from_path, toPath: row.to_path, statusCode: row.status_code as Redirect['statusCode'] }
        : null;
    },
  };
}
