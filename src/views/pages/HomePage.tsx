import type { HomePageView, HomeSectionBlockView } from '../models.js';
import { ArticleCard } from '../components/ArticleCard.js';
import { Bidi } from '../components/Bidi.js';
import { Layout } from '../components/Layout.js';

function SectionBlock({ block, index }: { block: HomeSectionBlockView; index: number }) {
  const headingId = `home-section-${index}`;
  return (
    <section class="section-block" aria-labelledby={headingId}>
      <div class="block-header">
        <h2 id={headingId}>
          <a href={block.section.href}>{block.section.name}</a>
        </h2>
        <a class="more" href={block.section.href}>
          المزيد<span class="visually-hidden"> من {block.section.name}</span>
        </a>
      </div>
      <div class="card-grid">
        {block.articles.map((article) => (
          <ArticleCard key={article.id} article={article} showSection={false} />
        ))}
      </div>
    </section>
  );
}

/**
 * The front page: lead story, featured stories, latest news and most read side by side on wide
 * screens, then one block per section.
 */
export function HomePage({ view }: { view: HomePageView }) {
  const { site, lead, featured, latest, mostRead, sections } = view;
  const isEmpty = lead === null && featured.length === 0 && latest.length === 0;
  return (
    <Layout site={site} head={view.head} pageClass="page-home">
      <h1 class="visually-hidden">
        <Bidi text={site.name} />
      </h1>
      {isEmpty && <p class="empty-state">لا توجد مقالات بعد.</p>}
      <div class="home-top">
        {(lead !== null || featured.length > 0) && (
          <div class="home-lead">
            {lead !== null && <ArticleCard article={lead} variant="lead" level={2} />}
            {featured.length > 0 && (
              <section class="featured" aria-labelledby="featured-heading">
                <h2 id="featured-heading" class="visually-hidden">
                  مختارات
                </h2>
                <div class="card-grid">
                  {featured.map((article) => (
                    <ArticleCard key={article.id} article={article} />
                  ))}
                </div>
              </section>
            )}
          </div>
        )}
        {latest.length > 0 && (
          <section class="home-latest" aria-labelledby="latest-heading">
            <h2 id="latest-heading" class="block-title">
              آخر الأخبار
            </h2>
            <ul class="card-list">
              {latest.map((article) => (
                <li key={article.id}>
                  <ArticleCard article={article} variant="compact" />
                </li>
              ))}
            </ul>
          </section>
        )}
        {mostRead.length > 0 && (
          <section class="home-most-read" aria-labelledby="most-read-heading">
            <h2 id="most-read-heading" class="block-title">
              الأكثر قراءة
            </h2>
            <ol class="most-read">
              {mostRead.map((article, i) => (
                <li key={article.id}>
                  <span class="rank" aria-hidden="true">
                    {i + 1}
                  </span>
                  <ArticleCard article={article} variant="compact" showSection={false} />
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
      {sections
        .filter((block) => block.articles.length > 0)
        .map((block, i) => (
          <SectionBlock key={block.section.href} block={block} index={i} />
        ))}
    </Layout>
  );
}
