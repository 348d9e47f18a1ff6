import { api, queryString } from './client.js';

/** One audit log line (src/domain/audit.ts, dates as ISO strings). */
export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: number | null;
  /** `user:7`, or `system:scheduler` for work nobody signed in did. */
  actorLabel: string;
  action: string;
  targetType: 'article' | 'user' | 'settings' | 'section' | 'tag' | 'author';
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  targetType?: string;
  targetId?: string;
  actor?: number;
  page?: number;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  pages: number;
  /** Names by id for the page's users (actors and user targets) and article targets; a missing id no longer exists. */
  labels: { users: Record<string, string>; articles: Record<string, string> };
}

/** The actions the server audits (the filter's choices). */
export const AUDIT_ACTIONS = [
  'article.publish',
  'article.unpublish',
  'article.schedule',
  'article.trash',
  'article.restore',
  'user.role',
  'settings.update',
  'section.delete',
  'tag.delete',
  'author.guest.create',
] as const;

export const AUDIT_TARGET_TYPES = ['article', 'user', 'settings', 'section', 'tag', 'author'] as const;

/** GET /audit?action=&targetType=&targetId=&actor=&page= (admins), newest first. */
export async function listAudit(filter: AuditFilter): Promise<AuditPage> {
  return api<AuditPage>('GET', `/audit${queryString({ ...filter })}`);
}
