import type { Kysely, Selectable } from 'kysely';
import type { Role, User } from '../../../domain/user.js';
import type { UserRepository } from '../../ports.js';
import type { Database } from '../schema.js';
import { toCount } from '../values.js';

function toUser(row: Selectable<Database['users']>): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    createdAt: new Date(row.created_at),
  };
}

export function createUserRepository(db: Kysely<Database>, now: () => Date): UserRepository {
  return {
    async create(input) {
      const at = now().toISOString();
      const row = await db
        .insertInto('users')
        .values({
          email: input.email.toLowerCase(),
          display_name: input.displayName,
          role: input.role,
          password_hash: input.passwordHash ?? null,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
    async findByEmail(email) {
      const row = await db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async findById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async list() {
      const rows = await db.selectFrom('users').selectAll().orderBy('display_name').orderBy('id').execute();
      return rows.map(toUser);
    },
    async count() {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return toCount(row.n as string | number);
    },
    async countByRole(role) {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('role', '=', role)
        .executeTakeFirstOrThrow();
      return toCount(row.n as string | number);
    },
    async setRole(id, role) {
      const result = await db
        .updateTable('users')
        .set({ role, updated_at: now().toISOString() })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async setPasswordHash(id, passwordHash) {
      const result = await db
        .updateTable('users')
        .set({ password_hash: passwordHash, updated_at: now().toISOString() })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
