import type { SearchPageView } from '../models.js';
import { DateTime } from '../components/DateTime.js';
import { Layout } from '../components/Layout.js';
import { MarkedText } from '../components/MarkedText.js';
import { Pagination } from '../components/Pagination.js';

/**
 * Search results: the form with its filters, a notice or the result count, "هل تقصد", each result
 * with its title and a passage of its text, matched words highlighted, then pagination.
 */
export function SearchPage({ view }: { view: SearchPageView }) {
  const { filters } = view;
  return (
    <Layout site={view.site} head={view.head} pageClass="page-search">
      <header class="archive-header">
        <h1 class="archive-title">{view.query === '' ? 'البحث' : <>نتائج البحث عن: <bdi>{view.query}</bdi></>}</h1>
      </header>
      {/* Styled with the site's existing classes only: the stylesheet has a size budget. */}
      <form class="search-page-form" role="search" action="/search" method="get">
        <div class="search-form">
          <label class="visually-hidden" for="search-page-q">
            ابحث في الموقع
          </label>
          <input id="search-page-q" type="search" name="q" value={view.query} maxLength={200} autocomplete="off" />
          <button type="submit">بحث</button>
        </div>
        <details class="search-filters" open={filters.sections.some((s) => s.selected) || filters.from !== null || filters.to !== null}>
          <summary>تضييق البحث</summary>
          <label for="search-section">القسم</label>
          <select id="search-section" name="section">
            <option value="">كل الأقسام</option>
            {filters.sections.map((s) => (
              <option key={s.slug} value={s.slug} selected={s.selected}>
                {s.name}
              </option>
            ))}
          </select>
          <label for="search-from">من تاريخ</label>
          <input id="search-from" type="date" name="from" value={filters.from ?? ''} />
          <label for="search-to">إلى تاريخ</label>
          <input id="search-to" type="date" name="to" value={filters.to ?? ''} />
          {filters.author !== null && <input type="hidden" name="author" value={filters.author.slug} />}
        </details>
      </form>
      {filters.author !== null && <p class="card-meta search-scope">مقالات الكاتب: {filters.author.name}</p>}
      {view.notice !== null && (
        <p class="empty-state search-notice" role="status">
          {view.notice}
        </p>
      )}
      {view.suggestion !== null && (
        <p class="empty-state search-suggestion">
          هل تقصد: <a href={view.suggestion.href}>{view.suggestion.name}</a>؟
        </p>
      )}
      {view.total !== null && <p class="card-meta search-count">عدد النتائج: {view.total}</p>}
      {view.results.length > 0 && (
        <ol class="card-list archive-list search-results">
          {view.results.map((r) => (
            <li key={r.card.id} class="card search-result">
              {r.card.section !== null && (
                <p class="card-kicker">
                  <a class="section-label" href={r.card.section.href}>
                    {r.card.section.name}
                  </a>
                </p>
              )}
              <h2 class="card-title">
                <a href={r.card.href}>
                  <MarkedText parts={r.title} />
                </a>
              </h2>
              {r.snippet.length > 0 && (
                <p class="card-lede search-snippet">
                  <MarkedText parts={r.snippet} />
                </p>
              )}
              {r.card.published !== null && (
                <p class="card-meta">
                  <DateTime date={r.card.published} />
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <Pagination pagination={view.pagination} />
    </Layout>
  );
}
