import type { CommentFormPageView } from '../models.js';
import { Bidi } from '../components/Bidi.js';
import { CommentForm } from '../components/CommentForm.js';
import { Layout } from '../components/Layout.js';

/** A comment that came back with errors: the article it belongs to, the messages, the form with the typed values. */
export function CommentFormPage({ view }: { view: CommentFormPageView }) {
  return (
    <Layout site={view.site} head={view.head} pageClass="page-comment-form">
      <section class="comment-fix" aria-labelledby="comment-fix-title">
        <h1 id="comment-fix-title" class="article-title">
          راجع تعليقك
        </h1>
        <p>
          تعليقك على{' '}
          <a href={view.article.href}>
            <Bidi text={view.article.name} />
          </a>{' '}
          لم يُرسل بعد. صحّح ما هو مشار إليه ثم أعد الإرسال.
        </p>
        <CommentForm form={view.form} headingLevel={2} />
      </section>
    </Layout>
  );
}
