/** An audit log line: who did what, when, to what (issue #4). */
export interface AuditEntry {
  id: number;
  at: Date;
  /** The signed-in user, or null for the system (CLI, scheduler). */
  actorUserId: number | null;
  /** A readable name of the actor at the time: `user:7`, `system:scheduler`. */
  actorLabel: string;
  /** e.g. `article.publish`, `article.unpublish`, `article.trash`, `user.role`, `settings.update`. */
  action: string;
  targetType: 'article' | 'user' | 'settings' | 'section' | 'tag' | 'author';
  targetId: string | null;
  details: Record<string, unknown>;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at?: Date };
