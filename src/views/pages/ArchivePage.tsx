import type { ArchivePageView } from '../models.js';
import { ArticleCard } from '../components/ArticleCard.js';
import { Bidi } from '../components/Bidi.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { Layout } from '../components/Layout.js';
import { Pagination } from '../components/Pagination.js';

const kindLabels: Record<ArchivePageView['kind'], string> = {
  section: 'قسم',
  tag: 'وسم',
  author: 'كاتب',
};

/** A section, tag or author archive: heading, description, subsections, cards, pagination. */
export function ArchivePage({ view }: { view: ArchivePageView }) {
  const { kind, title, description, articles } = view;
  return (
    <Layout site={view.site} head={view.head} pageClass={`page-archive page-${kind}`}>
      <Breadcrumbs items={view.breadcrumbs} current={title} />
      <header class="archive-header">
        <p class="archive-kind">{kindLabels[kind]}</p>
        <h1 class="archive-title">
          <Bidi text={title} />
        </h1>
        {description !== null && description !== '' && (
          <p class="archive-description">
            <Bidi text={description} />
          </p>
        )}
        {kind === 'section' && view.children.length > 0 && (
          <nav class="subsections" aria-label="الأقسام الفرعية">
            <ul>
              {view.children.map((child) => (
                <li key={child.href}>
                  <a href={child.href}>{child.name}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      {articles.length === 0 ? (
        <p class="empty-state">لا توجد مقالات بعد.</p>
      ) : (
        <div class="card-grid archive-list">
          {articles.map((article) => (
            <ArticleCard key={article.id} article={article} level={2} showSection={kind !== 'section'} />
          ))}
        </div>
      )}
      <Pagination pagination={view.pagination} />
    </Layout>
  );
}
