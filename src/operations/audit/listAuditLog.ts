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
  /**
   * Names for the page's ids, so a screen can say who and what without a request per line: users
   * (actors and `user` targets) by id → display name, and `article` targets by id → title. Ids
   * missing here no longer exist (a deleted user, a purged article).
   */
  labels: { users: Record<string, string>; articles: Record<string, string> };
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
  return { items, total, page, perPage, pages: Math.max(1, Math.ceil(total / perPage)), labels: await labelsOf(deps.store, items) };
}

const numericId = (value: string | null): number | null => (value !== null && /^\d{1,15}$/.test(value) ? Number(value) : null);

async function labelsOf(store: Store, items: readonly AuditEntry[]): Promise<AuditPage['labels']> {
  const userIds = new Set<number>();
  const articleIds = new Set<number>();
  for (const entry of items) {
    if (entry.actorUserId !== null) userIds.add(entry.actorUserId);
    const target = numericId(entry.targetId);
    if (target === null) continue;
    if (entry.targetType === 'user') userIds.add(target);
    if (entry.targetType === 'article') articleIds.add(target);
  }
  const users: Record<string, string> = {};
  for (const user of await Promise.all([...userIds].map((id) => store.users.findById(id)))) if (user) users[String(user.id)] = user.displayName;
  const articles: Record<string, string> = {};
  if (articleIds.size > 0) for (const article of await store.articles.findByIds([...articleIds])) articles[String(article.id)] = article.title;
  return { users, articles };
}
