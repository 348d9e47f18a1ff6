import { h } from 'preact';
import type { ArticleCardView, ArticlePageView, CommentFormView, CommentView } from '../models.js';
import { CommentForm } from '../components/CommentForm.js';
import { CommentItem, CommentList } from '../components/CommentList.js';
import { memoElement } from '../components/memoElement.js';
import { ArticleCard } from '../components/ArticleCard.js';
import { Bidi } from '../components/Bidi.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { Byline } from '../components/Byline.js';
import { DateTime } from '../components/DateTime.js';
import { Figure } from '../components/Figure.js';
import { FollowBlock } from '../components/FollowBlock.js';
import { Layout } from '../components/Layout.js';
import { ReadingTime } from '../components/ReadingTime.js';
import { ShareLinks } from '../components/ShareLinks.js';

function SectionNeighbour({ label, article, which }: { label: string; article: ArticleCardView; which: 'prev' | 'next' }) {
  return (
    <div class={`neighbour neighbour-${which}`}>
      <span class="neighbour-label">{label}</span>
      <a href={article.href}>
        <Bidi text={article.title} />
      </a>
    </div>
  );
}

/** What one reader's copy of an article page adds: the comment form (fresh token) and their held comment. */
export interface ArticlePageExtras {
  form: CommentFormView | null;
  pending: CommentView | null;
  /** The form is the blank one every reader of this second shares (the page bytes can be reused). */
  shared?: boolean;
}

/**
 * Rendering with `SLOTS` instead of a reader's extras leaves a marker where each per-reader part
 * goes, so the shared bytes of the page are rendered once and the parts spliced in per request.
 */
export const SLOTS = 'slots' as const;
function Slot({ name }: { name: 'pending' | 'form' }) {
  return h('khabar-slot', { name });
}

/** The reader's own held comment, as it goes in the pending slot. */
export function OwnPendingComment({ comment }: { comment: CommentView }) {
  return (
    <ol class="comment-list comment-list-own">
      <CommentItem comment={comment} />
    </ol>
  );
}

function Comments({ view, extras }: { view: ArticlePageView; extras: ArticlePageExtras | typeof SLOTS }) {
  const { comments } = view;
  const slots = extras === SLOTS;
  return (
    <section id="comments" class="comments-area" aria-labelledby="comments-title">
      <h2 id="comments-title" class="block-title">
        {comments.countLabel}
      </h2>
      {slots ? <Slot name="pending" /> : extras.pending !== null && <OwnPendingComment comment={extras.pending} />}
      {comments.count > 0 && memoElement(comments, 'threads', 'div', { class: 'comment-threads' }, () => <CommentList comments={comments} />)}
      {!comments.open ? (
        <p class="comments-closed">التعليقات مغلقة على هذا المقال.</p>
      ) : slots ? (
        <Slot name="form" />
      ) : (
        extras.form !== null && <CommentForm form={extras.form} />
      )}
    </section>
  );
}

/** One article: header (section, headline, standfirst, byline, dates), image, body, then the extras. */
export function ArticlePage({ view, extras = { form: null, pending: null } }: { view: ArticlePageView; extras?: ArticlePageExtras | typeof SLOTS }) {
  const { site, article, previous, next, related } = view;
  return (
    <Layout site={site} head={view.head} pageClass="page-article">
      <Breadcrumbs items={view.breadcrumbs} />
      <article class="article">
        <header class="article-header">
          {(article.section !== null || article.isBreaking) && (
            <p class="article-kicker">
              {article.isBreaking && <span class="badge-breaking">عاجل</span>}
              {article.section !== null && (
                <a class="section-label" href={article.section.href}>
                  {article.section.name}
                </a>
              )}
            </p>
          )}
          <h1 class="article-title">
            <Bidi text={article.title} />
          </h1>
          {article.lede !== null && article.lede !== '' && (
            <p class="standfirst">
              <Bidi text={article.lede} />
            </p>
          )}
          <div class="article-meta">
            <Byline authors={article.authors} />
            {article.published !== null && (
              <p class="published">
                نشر في <DateTime date={article.published} />
              </p>
            )}
            {article.updated !== null && (
              <p class="updated">
                آخر تحديث <DateTime date={article.updated} />
              </p>
            )}
            <p>
              <ReadingTime minutes={article.readingMinutes} />
            </p>
          </div>
        </header>
        {article.image !== null && <Figure image={article.image} eager />}
        <div class="article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
        <footer class="article-footer">
          {article.tags.length > 0 && (
            <section class="tags" aria-labelledby="tags-heading">
              <h2 id="tags-heading">الوسوم</h2>
              <ul>
                {article.tags.map((tag) => (
                  <li key={tag.href}>
                    <a href={tag.href} rel="tag">
                      <Bidi text={tag.name} />
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <ShareLinks links={view.share} canonical={article.canonical} />
          <FollowBlock siteName={site.name} follow={site.follow} />
        </footer>
      </article>
      {(previous !== null || next !== null) && (
        <nav class="section-neighbours" aria-label="مقالات أخرى في القسم">
          {previous !== null && <SectionNeighbour label="السابق في القسم" article={previous} which="prev" />}
          {next !== null && <SectionNeighbour label="التالي في القسم" article={next} which="next" />}
        </nav>
      )}
      <Comments view={view} extras={extras} />
      {related.length > 0 && (
        <section class="related" aria-labelledby="related-heading">
          <h2 id="related-heading" class="block-title">
            مقالات ذات صلة
          </h2>
          <div class="card-grid">
            {related.map((card) => (
              <ArticleCard key={card.id} article={card} />
            ))}
          </div>
        </section>
      )}
    </Layout>
  );
}
