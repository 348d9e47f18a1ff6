import type { Actor } from '../../domain/access.js';
import type { AuditEntry } from '../../domain/audit.js';
import type { AuditFilter, Store } from '../../store/ports.js';
import { authorize } from '../authorize.js';
import { wholeNumber } from '../comments/listComments.js';

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  perPage: number;
  pages: number;
}

/** The audit log, newest first (admins: `users.manage`), filtered by action, target or actor. */
export async function listAuditLog(
  deps: { store: Store },
  actor: Actor,
  input: { action?: unknown; targetType?: unknown; targetId?: unknown; actor?: unknown; page?: unknown; perPage?: unknown } = {},
): Promise<AuditPage> {
  authorize(actor, 'users.manage');
  const filter: AuditFilter = {};
  if (typeof input.action === 'string' && input.action !== '') filter.action = input.action.slice(0, 64);
  if (typeof input.targetType === 'string' && input.targetType !== '') filter.targetType = input.targetType.slice(0, 32);
  if (typeof input.targetId === 'string' && input.targetId !== '') filter.targetId = input.targetId.slice(0, 64);
  if (input.actor !== undefined && input.actor !== '') filter.actorUserId = wholeNumber(input.actor, 'actor', 1, Number.MAX_SAFE_INTEGER);
  const perPage = wholeNumber(input.perPage, 'perPage', 1, 200, 50);
  const page = wholeNumber(input.page, 'page', 1, 100_000, 1);
  const [items, total] = await Promise.all([deps.store.audit.list(filter, { limit: perPage, offset: (page - 1) * perPage }), deps.store.audit.count(filter)]);
  return { items, total, page, perPage, pages: Math.max(1, Math.ceil(total / perPage)) };
}
