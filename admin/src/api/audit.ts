import type { AuditEntry as DomainAuditEntry } from '../../../src/domain/audit.js';
import { api, queryString } from './client.js';

/** One audit log line as the API sends it: src/domain/audit.ts with the date as an ISO string. */
export type AuditEntry = Omit<DomainAuditEntry, 'at'> & { at: string };

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
