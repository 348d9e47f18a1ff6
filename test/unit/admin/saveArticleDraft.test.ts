import { describe, expect, it } from 'vitest';
import type { Article, ArticleFields } from '../../../admin/src/api/articles.js';
import { ApiError } from '../../../admin/src/api/client.js';
import { EMPTY_DOCUMENT } from '../../../admin/src/editor/documentToHtml.js';
import type { LocalDraft } from '../../../admin/src/screens/localDrafts.js';
import { saveArticleDraft, type SaveDeps } from '../../../admin/src/screens/saveArticleDraft.js';

const NOW = new Date('2026-11-29T10:00:00.000Z');

function fields(title: string): ArticleFields {
  return {
    title, lede: '', slug: title, bodyDoc: EMPTY_DOCUMENT, bodyHtml: '<p dir="auto"></p>', sectionIds: [], tags: [], authors: [],
    featuredMediaId: null, seoTitle: '', seoDescription: '', canonicalUrl: '', breaking: false, featured: false, commentsOpen: true, publishAt: null,
  };
}

/** An article API held in memory with the route contract's optimistic concurrency (admin/src/api/README.md). */
function articleServer(options: { available?: boolean } = {}) {
  const articles = new Map<number, Article>();
  const local = new Map<number | null, LocalDraft>();
  const missing = () => new ApiError(404, 'NOT_FOUND', 'no admin API route POST /admin/api/articles');
  const deps: SaveDeps = {
    async create(input) {
      if (options.available === false) throw missing();
      const article: Article = { ...input, id: articles.size + 1, status: 'draft', version: 1, updatedAt: NOW.toISOString(), publishedAt: null };
      articles.set(article.id, article);
      return article;
    },
    async save(id, version, input) {
      const current = articles.get(id);
      if (!current) throw new ApiError(404, 'NOT_FOUND', `no article ${id}`);
      if (current.version !== version) throw new ApiError(409, 'CONFLICT', 'the article was changed by someone else');
      const next = { ...current, ...input, version: version + 1 };
      articles.set(id, next);
      return next;
    },
    async load(id) {
      return articles.get(id)!;
    },
    keepLocal: (id, draft) => local.set(id, draft),
    clearLocal: (id) => local.delete(id),
    now: () => NOW,
  };
  return { deps, articles, local };
}

describe('saving an article from the editor', () => {
  it('creates, then saves with the version read, and forgets the browser copy once saved', async () => {
    const { deps, articles, local } = articleServer();
    local.set(null, { fields: fields('مسودة'), baseVersion: null, savedAt: NOW.toISOString() });
    const created = await saveArticleDraft(deps, { articleId: null, version: null, fields: fields('مسودة') });
    expect(created).toMatchObject({ kind: 'saved', created: true, article: { id: 1, version: 1 } });
    expect(local.has(null)).toBe(false);
    const saved = await saveArticleDraft(deps, { articleId: 1, version: 1, fields: fields('العنوان الثاني') });
    expect(saved).toMatchObject({ kind: 'saved', created: false, article: { version: 2, title: 'العنوان الثاني' } });
    expect(articles.get(1)?.title).toBe('العنوان الثاني');
  });

  it('on a conflict overwrites nothing and keeps every field of the writer in the browser', async () => {
    const { deps, articles, local } = articleServer();
    await saveArticleDraft(deps, { articleId: null, version: null, fields: fields('الأصل') });
    // A colleague saves version 2 meanwhile.
    await deps.save(1, 1, fields('نسخة الزميل'));
    const mine = { ...fields('نسختي'), lede: 'مقدمتي', tags: ['اقتصاد'] };
    const outcome = await saveArticleDraft(deps, { articleId: 1, version: 1, fields: mine });
    expect(outcome).toEqual({ kind: 'conflict' });
    expect(articles.get(1)).toMatchObject({ title: 'نسخة الزميل', version: 2 });
    expect(local.get(1)).toEqual({ fields: mine, baseVersion: 1, savedAt: NOW.toISOString() });

    // Asked for explicitly, mine goes over theirs.
    const overwrite = await saveArticleDraft(deps, { articleId: 1, version: 1, fields: mine }, { overwrite: true });
    expect(overwrite).toMatchObject({ kind: 'saved', article: { title: 'نسختي', version: 3 } });
    expect(local.has(1)).toBe(false);
  });

  it('keeps the work in the browser when the server has no article API yet', async () => {
    const { deps, local } = articleServer({ available: false });
    const outcome = await saveArticleDraft(deps, { articleId: null, version: null, fields: fields('بلا خادم') });
    expect(outcome).toEqual({ kind: 'keptLocally' });
    expect(local.get(null)?.fields.title).toBe('بلا خادم');
  });

  it('reports other failures and still keeps the work', async () => {
    const { deps, local } = articleServer();
    const outcome = await saveArticleDraft(deps, { articleId: 99, version: 1, fields: fields('مفقود') });
    expect(outcome).toMatchObject({ kind: 'error', error: { code: 'NOT_FOUND' } });
    expect(local.get(99)?.fields.title).toBe('مفقود');
  });
});
