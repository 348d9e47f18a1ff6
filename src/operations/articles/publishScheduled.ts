import { systemActor } from '../../domain/access.js';
import { isAppError } from '../../errors/AppError.js';
import type { ArticleDeps } from './ArticleDeps.js';
import { commitArticleSave } from './commitArticleSave.js';

export type ScheduledOutcome = 'published' | 'not-scheduled' | 'not-due';

/**
 * The `article.publish` job: publishes an article whose scheduled time came. The save is guarded by
 * the article's state and version, so even two workers running it at once publish it (and write
 * its audit line) exactly once; a concurrent edit only makes it read again and retry.
 */
export async function publishScheduled(deps: ArticleDeps, articleId: number): Promise<ScheduledOutcome> {
  for (let attempt = 0; ; attempt++) {
    const article = await deps.store.articles.findById(articleId);
    if (!article || article.status !== 'scheduled') return 'not-scheduled';
    if (article.publishedAt && article.publishedAt.getTime() > deps.now().getTime()) return 'not-due';
    try {
      await commitArticleSave(deps, systemActor('scheduler'), {
        before: article,
        changes: { status: 'published' },
        change: 'published',
        fromStatuses: ['scheduled'],
        audit: { action: 'article.publish', details: { scheduled: true } },
      });
      return 'published';
    } catch (error) {
      if (!isAppError(error) || error.code !== 'CONFLICT' || attempt >= 3) throw error;
    }
  }
}
