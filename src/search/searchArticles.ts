import type { ArticleCard } from '../domain/article.js';
import { normalizeForMatch, stripArabicMarks } from '../domain/text/normalize.js';
import type { Author } from '../domain/author.js';
import type { Section } from '../domain/section.js';
import type { SearchFilters, SearchMatch, Store } from '../store/ports.js';
import type { Analyzer, QueryPlan } from './analyzer.js';
import { buildSnippet, markSegments, type TextSegment } from './buildSnippet.js';
import type { VocabularyCache } from './createVocabularyCache.js';
import { planQueryWithVocabulary } from './planQueryWithVocabulary.js';
import { plainText } from './plainText.js';
import { spellingVariants } from './spellingVariants.js';

/** Longest query considered (characters); the rest is ignored, never an error. */
export const MAX_QUERY_LENGTH = 500;
/** Deepest page served: paging further through a search is a crawler, not a reader. */
export const MAX_PAGE = 100;

export interface SearchSettings {
  recencyWeight: number;
  recencyHalfLifeDays: number;
  perPage: number;
  /** See SearchRanking.candidates (default: the store's). */
  rankedCandidates?: number;
}

export interface SearchDeps {
  store: Pick<Store, 'search' | 'articles' | 'sections' | 'authors'>;
  analyzer: Analyzer;
  vocabulary: VocabularyCache;
  settings: SearchSettings;
  now: () => Date;
}

/** What a reader (or the admin) asks; every field may come straight from a URL. */
export interface SearchInput {
  query: string;
  page?: number;
  /** Section slug: the section and its subsections are searched. */
  section?: string;
  author?: string;
  /** Days, YYYY-MM-DD, inclusive, in UTC. */
  from?: string;
  to?: string;
}

export interface SearchResultItem {
  card: ArticleCard;
  score: number;
  /** The title with matched words marked. */
  title: TextSegment[];
  /** A passage of the body with matched words marked. */
  snippet: TextSegment[];
}

export interface SearchOutcome {
  /** The query as used (trimmed, at most MAX_QUERY_LENGTH characters). */
  query: string;
  /**
   * 'empty': nothing typed; 'no-terms': nothing searchable (only stopwords, marks, punctuation or
   * exclusions); 'results': matches found; 'none': no match.
   */
  status: 'empty' | 'no-terms' | 'results' | 'none';
  /** 'any' when no article had every word and the articles with any of them are shown. */
  mode: 'all' | 'any';
  /** Query words the analyzer dropped (stopwords…). */
  ignored: string[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
  hits: SearchResultItem[];
  /** "هل تقصد": a spelling differing by hamza, taa marbuta or alef maqsura that has results. */
  suggestion: string | null;
  filters: { section: Section | null; author: Author | null; from: string | null; to: string | null };
  plan: QueryPlan | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(value: string | undefined): Date | null {
  const m = value === undefined ? null : DAY.exec(value.trim());
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value!.trim() ? null : date;
}

/** Only letters, digits and spaces kept from a query for the "did you mean" link. */
function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Searches published articles (readers are anonymous: nothing else is ever searched). Every word
 * must match; when no article has them all, articles with any of them are shown and `mode` says
 * so. Ranked by relevance blended with recency (settings), ties newest first, then by id.
 *
 * @example await searchArticles(deps, { query: 'وزارة الصحة', page: 1 })
 */
export async function searchArticles(deps: SearchDeps, input: SearchInput): Promise<SearchOutcome> {
  const query = String(input.query ?? '').replace(/\s+/gu, ' ').trim().slice(0, MAX_QUERY_LENGTH);
  const perPage = deps.settings.perPage;
  const page = Number.isInteger(input.page) && input.page! >= 1 ? Math.min(input.page!, MAX_PAGE) : 1;
  const filters = await resolveFilters(deps, input);
  const base: SearchOutcome = {
    query,
    status: 'empty',
    mode: 'all',
    ignored: [],
    total: 0,
    page,
    perPage,
    totalPages: 0,
    hits: [],
    suggestion: null,
    filters: filters.shown,
    plan: null,
  };
  if (query === '') return base;
  if (wordsOf(query).length === 0) return { ...base, status: 'no-terms' };
  const plan = await planQueryWithVocabulary(deps.analyzer, query, deps.vocabulary);
  base.plan = plan;
  base.ignored = plan.ignored;
  if (plan.groups.length === 0 && plan.phrases.length === 0) return { ...base, status: 'no-terms' };

  const ranking = {
    recencyWeight: deps.settings.recencyWeight,
    halfLifeDays: deps.settings.recencyHalfLifeDays,
    now: deps.now(),
    ...(deps.settings.rankedCandidates ? { candidates: deps.settings.rankedCandidates } : {}),
  };
  const paging = { limit: perPage, offset: (page - 1) * perPage };
  const match: SearchMatch = { groups: plan.groups, phrases: plan.phrases, exclude: plan.exclude, mode: 'all' };
  let result = await deps.store.search.query(match, filters.applied, paging, ranking);
  let mode: SearchOutcome['mode'] = 'all';
  if (result.total === 0 && plan.groups.length > 1) {
    const any = await deps.store.search.query({ ...match, mode: 'any' }, filters.applied, paging, ranking);
    if (any.total > 0) {
      result = any;
      mode = 'any';
    }
  }
  const totalPages = Math.ceil(result.total / perPage);
  if (result.total === 0) {
    return { ...base, status: 'none', suggestion: await suggest(deps, query, plan, filters.applied) };
  }
  const cards = await deps.store.articles.publishedByIds(result.hits.map((h) => h.id));
  const scores = new Map(result.hits.map((h) => [h.id, h.score]));
  const hits = cards.map((c): SearchResultItem => ({
    card: stripBody(c),
    score: scores.get(c.id) ?? 0,
    title: markSegments(c.title, deps.analyzer.matchSpans(c.title, plan)),
    snippet: snippetOf(deps.analyzer, plainText(c.body), c.lede, plan),
  }));
  return { ...base, status: 'results', mode, total: result.total, totalPages, hits };
}

/** Characters of body text examined at a time when looking for the passage to show. */
const SNIPPET_CHUNK = 400;

/**
 * The passage of the body around the first matches, marked. The body is examined a chunk at a
 * time and the search stops at the first chunk with a match (highlighting costs per word, and most
 * matches are near the top of a news article); without any, the lede or the opening is shown.
 */
function snippetOf(analyzer: Analyzer, text: string, lede: string | null, plan: QueryPlan): TextSegment[] {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + SNIPPET_CHUNK);
    if (end < text.length) {
      const space = text.indexOf(' ', end);
      end = space === -1 ? text.length : space;
    }
    const chunk = text.slice(start, end);
    const spans = analyzer.matchSpans(chunk, plan);
    if (spans.length > 0) {
      const segments = buildSnippet(chunk, spans);
      if (start > 0 && segments[0]?.text !== '… ') segments.unshift({ text: '… ', mark: false });
      if (end < text.length && segments[segments.length - 1]?.text !== ' …') segments.push({ text: ' …', mark: false });
      return segments;
    }
    start = end + 1;
  }
  if (lede) return markSegments(lede, analyzer.matchSpans(lede, plan));
  return buildSnippet(text, []);
}

function stripBody(c: ArticleCard & { body: string }): ArticleCard {
  const { body: _body, ...card } = c;
  return card;
}

async function resolveFilters(deps: SearchDeps, input: SearchInput): Promise<{ applied: SearchFilters; shown: SearchOutcome['filters'] }> {
  const applied: SearchFilters = {};
  const shown: SearchOutcome['filters'] = { section: null, author: null, from: null, to: null };
  const sectionSlug = input.section?.trim();
  if (sectionSlug) {
    const all = await deps.store.sections.list();
    const section = all.find((s) => s.slug === sectionSlug) ?? null;
    if (section) {
      const ids = new Set([section.id]);
      // Subsections belong to their parent's searches, as in the section archive.
      for (let grew = true; grew; ) {
        grew = false;
        for (const s of all) if (s.parentId !== null && ids.has(s.parentId) && !ids.has(s.id)) ids.add(s.id), (grew = true);
      }
      applied.sectionIds = [...ids];
      shown.section = section;
    }
  }
  const authorSlug = input.author?.trim();
  if (authorSlug) {
    const author = await deps.store.authors.findBySlug(authorSlug);
    if (author) {
      applied.authorId = author.id;
      shown.author = author;
    }
  }
  const from = parseDay(input.from);
  const to = parseDay(input.to);
  if (from) {
    applied.from = from;
    shown.from = input.from!.trim();
  }
  if (to) {
    applied.to = new Date(to.getTime() + 86_400_000);
    shown.to = input.to!.trim();
  }
  return { applied, shown };
}

/**
 * A query with one word respelled (hamza seat, taa marbuta, alef maqsura) that the archive knows
 * and that has results; null when there is none.
 */
async function suggest(deps: SearchDeps, query: string, plan: QueryPlan, filters: SearchFilters): Promise<string | null> {
  const words = wordsOf(plan.normalized);
  if (words.length === 0 || words.length > 8) return null;
  const own = await deps.vocabulary.lookup(words);
  const candidates = new Map<number, string[]>();
  for (const [i, w] of words.entries()) if ((own.get(w) ?? 0) === 0) candidates.set(i, spellingVariants(w));
  if (candidates.size === 0) return null;
  const known = await deps.vocabulary.lookup([...candidates.values()].flat());
  const respelled = words.map((w, i) => {
    const best = (candidates.get(i) ?? [])
      .map((v) => [v, known.get(v) ?? 0] as const)
      .filter(([, f]) => f > 0)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
    return best ? best[0] : w;
  });
  if (respelled.every((w, i) => w === words[i])) return null;
  const suggestion = respelled.join(' ');
  if (suggestion === wordsOf(query).join(' ')) return null;
  const suggestedPlan = await planQueryWithVocabulary(deps.analyzer, suggestion, deps.vocabulary);
  if (suggestedPlan.groups.length === 0) return null;
  const check = await deps.store.search.query(
    { groups: suggestedPlan.groups, phrases: [], exclude: [], mode: 'all' },
    filters,
    { limit: 1, offset: 0 },
    { recencyWeight: 0, halfLifeDays: 30, now: deps.now() },
  );
  if (check.total === 0) return null;
  // Shown as the archive writes it (وزارة, الكبرى), not in the folded matching form (وزاره, الكبري).
  const [top] = await deps.store.articles.publishedByIds(check.hits.map((h) => h.id));
  const written = new Map<string, string>();
  for (const token of top ? `${top.title} ${top.lede ?? ''} ${plainText(top.body)}`.match(/[\p{L}\p{M}\p{N}\u0640]+/gu) ?? [] : []) {
    const key = normalizeForMatch(token);
    if (!written.has(key)) written.set(key, stripArabicMarks(token).replace(/\u0640/g, ''));
  }
  return respelled.map((w) => written.get(w) ?? w).join(' ');
}
