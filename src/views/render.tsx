import { renderToString } from 'preact-render-to-string';
import type { VNode } from 'preact';
import type { ArchivePageView, ArticlePageView, CommentFormPageView, ErrorPageView, HomePageView, SearchPageView, StaticPageView } from './models.js';
import { CommentFormPage } from './pages/CommentFormPage.js';
import { ArchivePage } from './pages/ArchivePage.js';
import { ArticlePage, OwnPendingComment, SLOTS, type ArticlePageExtras } from './pages/ArticlePage.js';
import { CommentForm } from './components/CommentForm.js';
import type { CommentFormView, CommentView } from './models.js';
import { ErrorPage } from './pages/ErrorPage.js';
import { HomePage } from './pages/HomePage.js';
import { SearchPage } from './pages/SearchPage.js';
import { StaticPage } from './pages/StaticPage.js';

/** Views render whole documents; the doctype is the one thing JSX cannot express. */
function documentOf(page: VNode): string {
  return '<!doctype html>' + renderToString(page);
}

/** @example renderHomePage(view).startsWith('<!doctype html><html lang="ar" dir="rtl">') */
export function renderHomePage(view: HomePageView): string {
  return documentOf(<HomePage view={view} />);
}

/** `extras`: the reader's own form and held comment (rendered per request; the rest is shared). */
export function renderArticlePage(view: ArticlePageView, extras?: ArticlePageExtras): string {
  return documentOf(<ArticlePage view={view} {...(extras ? { extras } : {})} />);
}

/** An article page rendered once, in UTF-8 pieces around its per-reader slots. */
export interface ArticlePageParts {
  texts: Buffer[];
  /** `slots[i]` goes between `texts[i]` and `texts[i + 1]`; a closed article has no form slot. */
  slots: Array<'pending' | 'form'>;
}

const SLOT = /<khabar-slot name="(pending|form)"><\/khabar-slot>/;

/**
 * An article page in UTF-8 pieces around its per-reader slots (held comment, comment form):
 * rendered once per view and assembled per request with `articlePageBytes`.
 */
export function renderArticlePageParts(view: ArticlePageView): ArticlePageParts {
  const pieces = documentOf(<ArticlePage view={view} extras={SLOTS} />).split(SLOT);
  return {
    texts: pieces.filter((_, i) => i % 2 === 0).map((text) => Buffer.from(text)),
    slots: pieces.filter((_, i) => i % 2 === 1) as ArticlePageParts['slots'],
  };
}

/** Rendered forms, per form view object (readers of one article in one second share a blank form). */
const formBytes = new WeakMap<CommentFormView, Buffer>();
function formBytesOf(form: CommentFormView): Buffer {
  let bytes = formBytes.get(form);
  if (!bytes) formBytes.set(form, (bytes = Buffer.from(renderToString(<CommentForm form={form} />))));
  return bytes;
}

/** The last whole page built from some parts with a shared (blank) form: most readers get exactly these bytes. */
const assembled = new WeakMap<ArticlePageParts, { form: CommentFormView | null; bytes: Buffer }>();

/**
 * The whole page for one reader: the shared pieces with their held comment and form in place.
 * Readers without a held comment get the form shared by everyone in the same second, so the page
 * is assembled once per second and sent as is (no copy per request).
 */
export function articlePageBytes(parts: ArticlePageParts, extras: ArticlePageExtras): Buffer {
  if (extras.pending === null && extras.shared === true) {
    const known = assembled.get(parts);
    if (known && known.form === extras.form) return known.bytes;
    const bytes = assemble(parts, extras);
    assembled.set(parts, { form: extras.form, bytes });
    return bytes;
  }
  return assemble(parts, extras);
}

function assemble(parts: ArticlePageParts, extras: ArticlePageExtras): Buffer {
  const chunks: Buffer[] = [parts.texts[0]!];
  parts.slots.forEach((slot, i) => {
    if (slot === 'pending' && extras.pending) chunks.push(Buffer.from(renderToString(<OwnPendingComment comment={extras.pending as CommentView} />)));
    if (slot === 'form' && extras.form) chunks.push(formBytesOf(extras.form));
    chunks.push(parts.texts[i + 1]!);
  });
  return Buffer.concat(chunks);
}

/** The comment form alone, when a post came back with errors. */
export function renderCommentFormPage(view: CommentFormPageView): string {
  return documentOf(<CommentFormPage view={view} />);
}

/** Section, tag and author archives. */
export function renderArchivePage(view: ArchivePageView): string {
  return documentOf(<ArchivePage view={view} />);
}

export function renderStaticPage(view: StaticPageView): string {
  return documentOf(<StaticPage view={view} />);
}

/** 400, 404, 414 and 500; the caller sets the HTTP status. */
export function renderErrorPage(view: ErrorPageView): string {
  return documentOf(<ErrorPage view={view} />);
}

/** Search results (/search?q=, /?s=). */
export function renderSearchPage(view: SearchPageView): string {
  return documentOf(<SearchPage view={view} />);
}
