import { useEffect, useState } from 'preact/hooks';
import type { ArticleSummary } from '../api/articles.js';
import { isUnavailable } from '../api/client.js';
import { listComments, type CommentList } from '../api/comments.js';
import { getDashboard, type Dashboard } from '../api/dashboard.js';
import type { Account } from '../api/session.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/catalogue.js';
import { Link } from '../router.js';
import { errorMessage } from '../ui/errors.js';
import { formatDateTime } from '../ui/formatDate.js';
import { Loading, NotAvailable, Notice } from '../ui/Notice.js';

type Load<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'unavailable' } | { state: 'error'; error: unknown };

function useLoad<T>(load: () => Promise<T>, enabled = true): Load<T> {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    load().then(
      (value) => setResult({ state: 'ok', value }),
      (error) => setResult(isUnavailable(error) ? { state: 'unavailable' } : { state: 'error', error }),
    );
  }, [enabled]);
  return result;
}

function ArticleList({ items }: { items: ArticleSummary[] }) {
  const { t, locale } = useI18n();
  if (items.length === 0) return <p class="empty">{t('articles.none')}</p>;
  return (
    <ul class="plain-list">
      {items.map((a) => (
        <li key={a.id}>
          <Link to={`/articles/${a.id}`}>
            <bdi>{a.title || t('articles.untitled')}</bdi>
          </Link>{' '}
          <time class="muted" dateTime={a.publishedAt ?? a.updatedAt}>
            {formatDateTime(a.publishedAt ?? a.updatedAt, locale)}
          </time>
        </li>
      ))}
    </ul>
  );
}

const ARTICLE_BLOCKS: { key: MessageKey; pick: (d: Dashboard) => ArticleSummary[] }[] = [
  { key: 'dashboard.drafts', pick: (d) => d.myDrafts },
  { key: 'dashboard.review', pick: (d) => d.pendingReview },
  { key: 'dashboard.scheduled', pick: (d) => d.scheduled },
  { key: 'dashboard.published', pick: (d) => d.recentlyPublished },
];

/** What the server offers today: comments waiting and the latest ones; article lists once the workflow API exists. */
export function DashboardScreen({ user }: { user: Account }) {
  const { t, locale } = useI18n();
  const moderates = user.role !== 'contributor';
  const comments = useLoad<CommentList>(() => listComments({ status: 'all', perPage: 5 }), moderates);
  const dashboard = useLoad<Dashboard>(getDashboard);

  return (
    <section>
      <h1>{t('dashboard.welcome', { name: user.displayName })}</h1>
      <div class="cards">
        {moderates && (
          <article class="card">
            <h2>{t('dashboard.pendingComments')}</h2>
            {comments.state === 'loading' && <Loading />}
            {comments.state === 'error' && <Notice kind="error">{errorMessage(comments.error, t)}</Notice>}
            {comments.state === 'ok' && (
              <>
                <p class="big-number">{comments.value.counts.pending}</p>
                <Link to="/comments" class="button">
                  {t('dashboard.moderate')}
                </Link>
              </>
            )}
          </article>
        )}
        {moderates && (
          <article class="card card-wide">
            <h2>{t('dashboard.recentComments')}</h2>
            {comments.state === 'ok' &&
              (comments.value.items.length === 0 ? (
                <p class="empty">{t('comments.none')}</p>
              ) : (
                <ul class="plain-list">
                  {comments.value.items.map((c) => (
                    <li key={c.id}>
                      <strong>
                        <bdi>{c.authorName}</bdi>
                      </strong>{' '}
                      <span class={`badge badge-${c.status}`}>{t(`comments.status.${c.status}`)}</span>{' '}
                      {c.articleTitle && <bdi class="muted">{c.articleTitle}</bdi>}{' '}
                      <time class="muted" dateTime={c.createdAt}>
                        {formatDateTime(c.createdAt, locale)}
                      </time>
                    </li>
                  ))}
                </ul>
              ))}
          </article>
        )}
        {ARTICLE_BLOCKS.map((block) => (
          <article class="card" key={block.key}>
            <h2>{t(block.key)}</h2>
            {dashboard.state === 'loading' && <Loading />}
            {dashboard.state === 'unavailable' && <NotAvailable />}
            {dashboard.state === 'error' && <Notice kind="error">{errorMessage(dashboard.error, t)}</Notice>}
            {dashboard.state === 'ok' && <ArticleList items={block.pick(dashboard.value)} />}
          </article>
        ))}
      </div>
    </section>
  );
}
