import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry } from '../../../domain/audit.js';
import type { AuditFilter, AuditRepository } from '../../ports.js';
import type { Database } from '../schema.js';
import { toCount } from '../values.js';

function toEntry(row: Selectable<Database['audit_log']>): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at),
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type as AuditEntry['targetType'],
    targetId: row.target_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

export function createAuditRepository(db: Kysely<Database>, now: () => Date): AuditRepository {
  const filtered = (filter: AuditFilter) => {
    let q = db.selectFrom('audit_log');
    if (filter.action) q = q.where('action', '=', filter.action);
    if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
    if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
    if (filter.actorUserId !== undefined) q = q.where('actor_user_id', '=', filter.actorUserId);
    return q;
  };
  return {
    async record(entry) {
      const row = await db
        .insertInto('audit_log')
        .values({
          at: (entry.at ?? now()).toISOString(),
          actor_user_id: entry.actorUserId,
          actor_label: entry.actorLabel,
          action: entry.action,
          target_type: entry.targetType,
          target_id: entry.targetId,
          details: JSON.stringify(entry.details),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEntry(row);
    },
    async list(filter, paging) {
      const rows = await filtered(filter).selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(paging.limit).offset(paging.offset).execute();
      return rows.map(toEntry);
    },
    async count(filter) {
      return toCount((await filtered(filter).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
    },
  };
}
