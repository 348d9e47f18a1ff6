import type {
  ArchivePageView,
  ArticleCardView,
  ArticlePageView,
  ErrorPageView,
  HeadView,
  HomePageView,
  ImageView,
  SiteView,
  StaticPageView,
} from '../../../src/views/models.js';

/** Hand-built view objects for rendering tests; each builder takes shallow overrides. */

export function siteView(overrides: Partial<SiteView> = {}): SiteView {
  return {
    name: 'خبر',
    tagline: 'أخبار المغرب والعالم',
    lang: 'ar',
    dir: 'rtl',
    baseUrl: 'https://khabar.example',
    logoUrl: null,
    today: { text: 'الاثنين 15 شتنبر 2025', iso: '2025-09-15T09:00:00+01:00' },
    nav: [
      { name: 'سياسة', href: '/section/سياسة', slug: 'سياسة', active: false },
      { name: 'اقتصاد', href: '/section/اقتصاد', slug: 'اقتصاد', active: true },
      { name: 'رياضة', href: '/section/رياضة', slug: 'رياضة', active: false },
    ],
    breaking: [],
    follow: { whatsapp: null, googleNews: null },
    social: [{ network: 'facebook', href: 'https://www.facebook.com/khabar' }],
    footerPages: [{ name: 'من نحن', href: '/page/من-نحن' }],
    stylesheetHref: '/assets/css/site.3f2a1b.css',
    embedsScriptHref: '/assets/embeds.3f2a1b.js',
    searchEnabled: true,
    ...overrides,
  };
}

export function headView(overrides: Partial<HeadView> = {}): HeadView {
  return {
    title: 'خبر — أخبار المغرب والعالم',
    description: 'آخر أخبار المغرب والعالم',
    canonical: 'https://khabar.example/',
    robots: null,
    ...overrides,
  };
}

export function imageView(overrides: Partial<ImageView> = {}): ImageView {
  return {
    url: '/media/2025/09/port.jpg',
    width: 1600,
    height: 900,
    alt: 'ميناء طنجة المتوسط',
    caption: 'رافعات في ميناء طنجة المتوسط',
    credit: 'تصوير: خبر',
    variants: [
      { url: '/media/2025/09/port-480.jpg', width: 480 },
      { url: '/media/2025/09/port-960.jpg', width: 960 },
    ],
    ...overrides,
  };
}

export function cardView(id: number, overrides: Partial<ArticleCardView> = {}): ArticleCardView {
  return {
    id,
    title: `عنوان المقال رقم ${id}`,
    href: `/article/${id}`,
    lede: 'ملخص قصير للمقال.',
    section: { name: 'اقتصاد', href: '/section/اقتصاد' },
    published: { text: '15 شتنبر 2025', iso: '2025-09-15T08:30:00+01:00' },
    image: imageView(),
    isBreaking: false,
    readingMinutes: 3,
    comments: null,
    ...overrides,
  };
}

export function articlePageView(overrides: Partial<ArticlePageView> = {}): ArticlePageView {
  const article: ArticlePageView['article'] = {
    id: 42,
    title: 'ارتفاع صادرات الفوسفاط خلال شهر غشت',
    lede: 'سجلت صادرات الفوسفاط ارتفاعاً ملحوظاً.',
    bodyHtml: '<p>فقرة <strong>أولى</strong> من المقال.</p><blockquote>اقتباس</blockquote>',
    section: { name: 'اقتصاد', href: '/section/اقتصاد' },
    authors: [
      { name: 'سعاد العلوي', href: '/author/سعاد-العلوي' },
      { name: 'كاتب ضيف', href: null },
    ],
    published: { text: '15 شتنبر 2025', iso: '2025-09-15T08:30:00+01:00' },
    updated: null,
    image: imageView(),
    tags: [{ name: 'الفوسفاط', href: '/tag/الفوسفاط' }],
    isBreaking: false,
    readingMinutes: 4,
    canonical: 'https://khabar.example/article/42',
  };
  return {
    site: siteView(),
    head: headView({
      title: `${article.title} — خبر`,
      description: article.lede ?? '',
      canonical: article.canonical,
    }),
    article,
    comments: {
      open: true,
      count: 0,
      countLabel: 'لا توجد تعليقات',
      threads: [],
      pagination: { page: 1, totalPages: 1, prevHref: null, nextHref: null },
      articleHref: '/article/42',
    },
    share: [
      { network: 'whatsapp', label: 'واتساب', href: 'https://wa.me/?text=https%3A%2F%2Fkhabar.example%2Farticle%2F42' },
      { network: 'facebook', label: 'فيسبوك', href: 'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fkhabar.example%2Farticle%2F42' },
    ],
    related: [cardView(7), cardView(8)],
    previous: cardView(41, { title: 'المقال السابق' }),
    next: null,
    breadcrumbs: [
      { name: 'الرئيسية', href: '/' },
      { name: 'اقتصاد', href: '/section/اقتصاد' },
    ],
    ...overrides,
  };
}

/** Same as {@link articlePageView} but with changes to the article itself. */
export function articlePageWith(changes: Partial<ArticlePageView['article']>, overrides: Partial<ArticlePageView> = {}): ArticlePageView {
  const view = articlePageView(overrides);
  return { ...view, article: { ...view.article, ...changes } };
}

export function homePageView(overrides: Partial<HomePageView> = {}): HomePageView {
  return {
    site: siteView(),
    head: headView(),
    lead: cardView(1, { title: 'الخبر الرئيسي لليوم' }),
    featured: [cardView(2), cardView(3)],
    latest: [cardView(4), cardView(5)],
    mostRead: [cardView(6, { title: 'الأكثر قراءة أولاً' }), cardView(7, { title: 'الأكثر قراءة ثانياً' })],
    sections: [{ section: { name: 'رياضة', href: '/section/رياضة' }, articles: [cardView(9), cardView(10)] }],
    ...overrides,
  };
}

export function archivePageView(overrides: Partial<ArchivePageView> = {}): ArchivePageView {
  return {
    site: siteView(),
    head: headView({ title: 'اقتصاد — خبر', canonical: 'https://khabar.example/section/اقتصاد' }),
    kind: 'section',
    title: 'اقتصاد',
    description: 'أخبار الاقتصاد المغربي والدولي',
    breadcrumbs: [{ name: 'الرئيسية', href: '/' }],
    children: [{ name: 'مقاولات', href: '/section/مقاولات' }],
    articles: [cardView(11), cardView(12)],
    pagination: { page: 2, totalPages: 5, prevHref: '/section/اقتصاد', nextHref: '/section/اقتصاد?page=3' },
    ...overrides,
  };
}

export function staticPageView(overrides: Partial<StaticPageView> = {}): StaticPageView {
  return {
    site: siteView(),
    head: headView({ title: 'من نحن — خبر', canonical: 'https://khabar.example/page/من-نحن' }),
    page: { title: 'من نحن', bodyHtml: '<p>خبر جريدة إلكترونية مغربية.</p>', updated: null },
    ...overrides,
  };
}

export function errorPageView(status: ErrorPageView['status'], overrides: Partial<ErrorPageView> = {}): ErrorPageView {
  return {
    site: siteView(),
    head: headView({ title: 'الصفحة غير موجودة — خبر', robots: 'noindex' }),
    status,
    latest: [cardView(20, { title: 'آخر خبر منشور' })],
    ...overrides,
  };
}
