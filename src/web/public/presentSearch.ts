import type { FrameData } from '../../operations/reading/readFrame.js';
import type { SearchInput, SearchOutcome } from '../../search/searchArticles.js';
import type { SearchPageView } from '../../views/models.js';
import type { Presenter } from './createPresenter.js';

/** The query string of a search URL; empty parameters are left out. */
export function searchQueryString(input: SearchInput & { page?: number }): string {
  const params: Array<[string, string]> = [['q', input.query]];
  if (input.section) params.push(['section', input.section]);
  if (input.author) params.push(['author', input.author]);
  if (input.from) params.push(['from', input.from]);
  if (input.to) params.push(['to', input.to]);
  if (input.page !== undefined && input.page > 1) params.push(['page', String(input.page)]);
  return params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

export const searchNotices = {
  empty: 'اكتب ما تبحث عنه في خانة البحث.',
  noTerms: 'لم نجد في بحثك كلمات يمكن البحث عنها (الكلمات الشائعة وعلامات الترقيم لا يُبحث عنها). جرّب كلمات أوضح، مثل اسم شخص أو مكان أو موضوع.',
  none: 'لا توجد نتائج مطابقة لبحثك. جرّب كلمات أخرى أو أقل.',
  any: 'لم نجد مقالات تضم كل كلمات البحث، وهذه مقالات تضم بعضها.',
  beyond: 'لا توجد نتائج في هذه الصفحة.',
  limited: 'طلبات بحث كثيرة في وقت قصير. انتظر دقيقة ثم أعد المحاولة.',
} as const;

/** The view model of the results page (or of a refused request, when `outcome` is null). */
export function presentSearchPage(presenter: Presenter, frame: FrameData, outcome: SearchOutcome | null, input: SearchInput): SearchPageView {
  const p = presenter.forFrame(frame);
  const query = outcome?.query ?? String(input.query ?? '').trim().slice(0, 500);
  const title = query === '' ? `البحث | ${p.settings.name}` : `نتائج البحث عن: ${query} | ${p.settings.name}`;
  // Query strings are encoded here (searchQueryString); `href` would encode their "?" and "%" again.
  const searchUrl = (qs: string) => `/search?${qs}`;
  const head = { ...p.head(title, `البحث في ${p.settings.name}`, '/search', 'noindex') };
  if (query !== '') head.canonical = `${p.site.baseUrl}${searchUrl(searchQueryString({ query }))}`;
  const filtersInput = { section: outcome?.filters.section?.slug ?? '', author: outcome?.filters.author?.slug ?? '', from: outcome?.filters.from ?? '', to: outcome?.filters.to ?? '' };
  const pageHref = (n: number) => searchUrl(searchQueryString({ query, ...filtersInput, page: n }));
  let notice: string | null = null;
  if (outcome === null) notice = searchNotices.limited;
  else if (outcome.status === 'empty') notice = searchNotices.empty;
  else if (outcome.status === 'no-terms') notice = searchNotices.noTerms;
  else if (outcome.status === 'none') notice = searchNotices.none;
  else if (outcome.hits.length === 0) notice = searchNotices.beyond;
  else if (outcome.mode === 'any') notice = searchNotices.any;
  const page = outcome?.page ?? 1;
  const totalPages = Math.min(outcome?.totalPages ?? 0, 100);
  return {
    site: p.site,
    head,
    query,
    notice,
    total: outcome && outcome.total > 0 ? outcome.total : null,
    suggestion:
      outcome?.suggestion ? { name: outcome.suggestion, href: searchUrl(searchQueryString({ query: outcome.suggestion, ...filtersInput })) } : null,
    results: (outcome?.hits ?? []).map((h) => ({ card: p.card(h.card, new Map()), title: h.title, snippet: h.snippet })),
    pagination: {
      page,
      totalPages,
      prevHref: page > 1 && totalPages > 0 ? pageHref(Math.min(page - 1, totalPages)) : null,
      nextHref: page < totalPages ? pageHref(page + 1) : null,
    },
    filters: {
      sections: frame.sections.all.map((s) => ({ slug: s.slug, name: s.name, selected: s.id === outcome?.filters.section?.id })),
      author: outcome?.filters.author ? { slug: outcome.filters.author.slug, name: outcome.filters.author.name } : null,
      from: outcome?.filters.from ?? null,
      to: outcome?.filters.to ?? null,
    },
  };
}

/** The JSON answer: plain data, text pieces with `mark` flags (never HTML), absolute URLs. */
export function presentSearchJson(presenter: Presenter, frame: FrameData, outcome: SearchOutcome) {
  const p = presenter.forFrame(frame);
  return {
    query: outcome.query,
    status: outcome.status,
    mode: outcome.mode,
    total: outcome.total,
    page: outcome.page,
    perPage: outcome.perPage,
    totalPages: outcome.totalPages,
    suggestion: outcome.suggestion,
    ignored: outcome.ignored,
    filters: {
      section: outcome.filters.section?.slug ?? null,
      author: outcome.filters.author?.slug ?? null,
      from: outcome.filters.from,
      to: outcome.filters.to,
    },
    results: outcome.hits.map((h) => {
      const card = p.card(h.card, new Map());
      return {
        id: h.card.id,
        title: h.card.title,
        url: `${p.site.baseUrl}${card.href}`,
        publishedAt: h.card.publishedAt?.toISOString() ?? null,
        section: card.section ? { name: card.section.name, url: `${p.site.baseUrl}${card.section.href}` } : null,
        score: h.score,
        titleMarked: h.title,
        snippet: h.snippet,
      };
    }),
  };
}
