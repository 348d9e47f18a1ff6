import type { StaticPageView } from '../models.js';
import { Bidi } from '../components/Bidi.js';
import { DateTime } from '../components/DateTime.js';
import { Layout } from '../components/Layout.js';

/** A site page such as "من نحن" or "سياسة الخصوصية"; `bodyHtml` is already sanitized. */
export function StaticPage({ view }: { view: StaticPageView }) {
  const { page } = view;
  return (
    <Layout site={view.site} head={view.head} pageClass="page-static">
      <article class="article static-page">
        <header class="article-header">
          <h1 class="article-title">
            <Bidi text={page.title} />
          </h1>
          {page.updated !== null && (
            <p class="article-meta updated">
              آخر تحديث <DateTime date={page.updated} />
            </p>
          )}
        </header>
        <div class="article-body" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
      </article>
    </Layout>
  );
}
