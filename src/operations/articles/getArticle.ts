import type { Actor } from '../../domain/access.js';
import type { Article } from '../../domain/article.js';
import { allowedActions, type WorkflowAction } from '../../domain/articleWorkflow.js';
import { articleOrThrow, authorizeOnArticle, mayOnArticle, ownersOf } from './articleAccess.js';
import type { ArticleDeps } from './ArticleDeps.js';

/** Heartbeats older than this no longer count as "editing". */
export const PRESENCE_TTL_MS = 60_000;

export interface EditorArticle {
  article: Article;
  /** The workflow actions this actor may take now (the client's buttons). */
  actions: WorkflowAction[];
  canEdit: boolean;
  /** Other users with the article open in the editor (heartbeats younger than a minute). */
  editing: Array<{ userId: number; displayName: string; seenAt: Date }>;
}

/**
 * One article for the editor: the article, what this actor may do with it, and who else is editing
 * it. `heartbeat: true` (the editor polling) records the actor as editing it too. Anyone who may
 * edit it may read it (editors: any; authors and contributors: their own).
 */
export async function getArticle(deps: ArticleDeps, actor: Actor, id: unknown, options: { heartbeat?: boolean } = {}): Promise<EditorArticle> {
  const article = await articleOrThrow(deps.store, id);
  const owners = await ownersOf(deps.store, article);
  // Reading is allowed to whoever may edit or publish it in some state (a contributor keeps seeing
  // their article after an editor published it).
  if (!mayOnArticle(actor, 'edit', owners, 'draft')) authorizeOnArticle(actor, 'edit', owners, article.status);
  if (options.heartbeat && actor.kind === 'user') await deps.store.presence.heartbeat(article.id, actor.userId, PRESENCE_TTL_MS);
  const present = (await deps.store.presence.list(article.id)).filter((p) => actor.kind !== 'user' || p.userId !== actor.userId);
  const names = new Map<number, string>();
  for (const p of present) {
    const user = await deps.store.users.findById(p.userId);
    if (user) names.set(p.userId, user.displayName);
  }
  const actions = allowedActions(article.status).filter((action) => {
    if (action === 'submit') return mayOnArticle(actor, 'edit', owners, article.status);
    if (action === 'trash' || action === 'restore') return mayOnArticle(actor, 'delete', owners, action === 'restore' ? (article.previousStatus ?? 'draft') : article.status);
    return mayOnArticle(actor, 'publish', owners, article.status);
  });
  return {
    article,
    actions,
    canEdit: article.status !== 'trash' && mayOnArticle(actor, 'edit', owners, article.status),
    editing: present.map((p) => ({ userId: p.userId, displayName: names.get(p.userId) ?? '', seenAt: p.seenAt })),
  };
}
