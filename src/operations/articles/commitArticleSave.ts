import type { Actor } from '../../domain/access.js';
import type { Article, ArticleStatus } from '../../domain/article.js';
import type { ArticleChanges } from '../../store/ports.js';
import { actorLabel, userIdOf } from './articleAccess.js';
import type { ArticleDeps } from './ArticleDeps.js';
import { afterArticleChange, type ArticleChange } from './afterArticleChange.js';
import { pathContextOf, publicPathOf } from './articlePath.js';
import { publishJobFor, publishJobKey } from './publishJob.js';

export interface ArticleSavePlan {
  /** The article as the writer read it. */
  before: Article;
  /** The version the writer names (the client's `version`); defaults to `before.version`. */
  expectedVersion?: number;
  changes: ArticleChanges;
  change: ArticleChange;
  fromStatuses?: readonly ArticleStatus[];
  mergeRevisionWithinMs?: number;
  /** An audit line for this change (publish, unpublish, trash…). */
  audit?: { action: string; details?: Record<string, unknown> };
}

/**
 * Saves an article and everything that goes with it in ONE transaction: the versioned save and its
 * revision, 301s from the old public path when a live article's path changed, the publish job
 * (queued when scheduled, cancelled otherwise), the audit line, and afterArticleChange.
 */
export async function commitArticleSave(deps: ArticleDeps, actor: Actor, plan: ArticleSavePlan): Promise<Article> {
  const { before } = plan;
  // Read outside the transaction: SQLite's one connection is busy inside it.
  const paths = before.status === 'published' ? await pathContextOf(deps) : null;
  const oldPath = paths ? await publicPathOf(paths, deps.store, before) : null;
  return deps.store.transaction(async (repos) => {
    const saved = await repos.articles.save({
      id: before.id,
      expectedVersion: plan.expectedVersion ?? before.version,
      changes: plan.changes,
      userId: userIdOf(actor),
      ...(plan.fromStatuses ? { fromStatuses: plan.fromStatuses } : {}),
      ...(plan.mergeRevisionWithinMs !== undefined ? { mergeRevisionWithinMs: plan.mergeRevisionWithinMs } : {}),
    });
    if (paths && oldPath !== null && saved.status === 'published') {
      const newPath = await publicPathOf(paths, repos, saved);
      if (newPath !== oldPath) await repos.redirects.put({ fromPath: oldPath, toPath: newPath, statusCode: 301 });
    }
    if (saved.status === 'scheduled' && saved.publishedAt) {
      await repos.jobs.enqueue(publishJobFor(saved.id, saved.publishedAt));
    } else if (before.status === 'scheduled') {
      await repos.jobs.cancel(publishJobKey(saved.id));
    }
    if (plan.audit) {
      await repos.audit.record({
        ...actorLabel(actor),
        action: plan.audit.action,
        targetType: 'article',
        targetId: String(saved.id),
        details: { title: saved.title, from: before.status, to: saved.status, version: saved.version, ...plan.audit.details },
      });
    }
    await afterArticleChange({ repos }, saved, plan.change, before.status);
    return saved;
  });
}
