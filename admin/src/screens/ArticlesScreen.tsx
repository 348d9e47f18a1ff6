import { useEffect, useState } from 'preact/hooks';
import { articleStatuses, listArticles, listAuthors, listSections, type ArticleFilter, type ArticleSummary, type Named, type Page } from '../api/articles.js';
import { isUnavailable } from '../api/client.js';
import { useI18n } from '../i18n/I18n.js';
import { Link } from '../router.js';
import { errorMessage } from '../ui/errors.js';
import { formatDateTime } from '../ui/formatDate.js';
import { Loading, NotAvailable, Notice } from '../ui/Notice.js';
import { Pager } from '../ui/Pager.js';

/** Articles with filters (status, section, author, dates) and search, on the workflow API. */
export function ArticlesScreen() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<ArticleFilter>({ status: '', section: '', author: '', from: '', to: '', q: '', page: 1 });
  const [query, setQuery] = useState('');
  const [page, setPage] = useState<Page<ArticleSummary> | null>(null);
  const [state, setState] = useState<'loading' | 'ok' | 'unavailable' | 'error'>('loading');
  const [error, setError] = useState<unknown>(null);
  const [sections, setSections] = useState<Named[]>([]);
  const [authors, setAuthors] = useState<Named[]>([]);

  useEffect(() => {
    listSections().then(setSections, () => {});
    listAuthors().then(setAuthors, () => {});
  }, []);
  useEffect(() => {
    listArticles(filter).then(
      (value) => {
        setPage(value);
        setState('ok');
      },
      (failure) => {
        setError(failure);
        setState(isUnavailable(failure) ? 'unavailable' : 'error');
      },
    );
  }, [filter]);

  const set = (patch: Partial<ArticleFilter>) => setFilter({ ...filter, ...patch, page: patch.page ?? 1 });
  return (
    <section>
      <h1>
        {t('articles.title')}{' '}
        <Link to="/articles/new" class="button button-primary">
          {t('nav.newArticle')}
        </Link>
      </h1>
      {state === 'unavailable' ? (
        <NotAvailable />
      ) : (
        <>
          <form
            class="toolbar-row filters"
            role="search"
            onSubmit={(event) => {
              event.preventDefault();
              set({ q: query.trim() });
            }}
          >
            <input type="search" dir="auto" aria-label={t('common.search')} placeholder={t('common.search')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
            <label class="inline-label">
              <span>{t('articles.status')}</span>
              <select value={filter.status} onChange={(e) => set({ status: e.currentTarget.value as ArticleFilter['status'] })}>
                <option value="">{t('articles.any')}</option>
                {articleStatuses.map((s) => (
                  <option value={s} key={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label class="inline-label">
              <span>{t('articles.section')}</span>
              <select value={String(filter.section)} onChange={(e) => set({ section: e.currentTarget.value ? Number(e.currentTarget.value) : '' })}>
                <option value="">{t('articles.any')}</option>
                {sections.map((s) => (
                  <option value={s.id} key={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <label class="inline-label">
              <span>{t('articles.author')}</span>
              <select value={String(filter.author)} onChange={(e) => set({ author: e.currentTarget.value ? Number(e.currentTarget.value) : '' })}>
                <option value="">{t('articles.any')}</option>
                {authors.map((a) => (
                  <option value={a.id} key={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
            <label class="inline-label">
              <span>{t('articles.from')}</span>
              <input type="date" value={filter.from} onChange={(e) => set({ from: e.currentTarget.value })} />
            </label>
            <label class="inline-label">
              <span>{t('articles.to')}</span>
              <input type="date" value={filter.to} onChange={(e) => set({ to: e.currentTarget.value })} />
            </label>
            <button type="submit">{t('common.search')}</button>
          </form>
          {state === 'loading' && <Loading />}
          {state === 'error' && <Notice kind="error">{errorMessage(error, t)}</Notice>}
          {state === 'ok' && page && (page.items.length === 0 ? <p class="empty">{t('articles.none')}</p> : (
            <div class="table-scroll">
<table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('editor.title')}</th>
                  <th scope="col">{t('articles.status')}</th>
                  <th scope="col">{t('articles.author')}</th>
                  <th scope="col">{t('articles.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/articles/${a.id}`}>
                        <bdi>{a.title || t('articles.untitled')}</bdi>
                      </Link>
                    </td>
                    <td>
                      <span class={`badge badge-${a.status}`}>{t(`status.${a.status}`)}</span>
                    </td>
                    <td>{a.authors.map((x) => x.name ?? x.guestName ?? '').join('، ')}</td>
                    <td>
                      <time dateTime={a.updatedAt}>{formatDateTime(a.updatedAt, locale)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
</div>
          ))}
          {state === 'ok' && page && <Pager page={page.page} pages={page.pages} go={(n) => set({ page: n })} />}
        </>
      )}
    </section>
  );
}
