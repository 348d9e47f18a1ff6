import type { ErrorPageView } from '../models.js';
import { ArticleCard } from '../components/ArticleCard.js';
import { Layout } from '../components/Layout.js';
import { SearchForm } from '../components/SearchForm.js';

/** What readers are told for each status: a plain heading and a friendly sentence, never a cause. */
export const errorMessages: Record<ErrorPageView['status'], { title: string; text: string }> = {
  400: {
    title: 'طلب غير صالح',
    text: 'تعذّر علينا فهم هذا الطلب. تحقّق من الرابط أو ابحث عمّا تريد.',
  },
  403: {
    title: 'طلب مرفوض',
    text: 'لا يمكننا قبول هذا الطلب. إن وصلت إلى هنا من صفحة في موقعنا، فارجع إليها وأعد المحاولة.',
  },
  404: {
    title: 'الصفحة غير موجودة',
    text: 'عذراً، لم نعثر على الصفحة التي تبحث عنها. ربما نُقلت أو حُذفت، أو أن الرابط غير صحيح.',
  },
  413: {
    title: 'ما أرسلته كبير جداً',
    text: 'حجم ما أرسلته أكبر مما يمكننا قبوله. اختصره ثم أعد المحاولة.',
  },
  429: {
    title: 'طلبات كثيرة في وقت قصير',
    text: 'أرسلت طلبات كثيرة في وقت قصير. انتظر قليلاً ثم أعد المحاولة.',
  },
  414: {
    title: 'الرابط طويل جداً',
    text: 'الرابط الذي فتحته أطول مما يمكننا قبوله. جرّب البحث أو العودة إلى الصفحة الرئيسية.',
  },
  500: {
    title: 'حدث خطأ غير متوقع',
    text: 'نعمل على إصلاحه. يرجى المحاولة مجدداً بعد قليل.',
  },
  503: {
    title: 'الخدمة غير متاحة مؤقتاً',
    text: 'الموقع غير متاح للحظات. يرجى المحاولة مجدداً بعد قليل.',
  },
};

/** 400, 403, 404, 413, 414, 429, 500 and 503 pages: message, search, a way home, and the latest articles when available. */
export function ErrorPage({ view }: { view: ErrorPageView }) {
  const message = errorMessages[view.status];
  return (
    <Layout site={view.site} head={view.head} pageClass="page-error">
      <section class="error-page">
        <h1>{message.title}</h1>
        {view.detail !== undefined && <p class="error-detail">{view.detail}</p>}
        <p class="error-text">{message.text}</p>
        {view.site.searchEnabled === true && <SearchForm id="error-search-q" />}
        <p class="error-home">
          <a href="/">العودة إلى الصفحة الرئيسية</a>
        </p>
      </section>
      {view.latest.length > 0 && (
        <section class="error-latest" aria-labelledby="error-latest-heading">
          <h2 id="error-latest-heading" class="block-title">
            آخر الأخبار
          </h2>
          <ul class="card-list">
            {view.latest.map((article) => (
              <li key={article.id}>
                <ArticleCard article={article} variant="compact" />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
