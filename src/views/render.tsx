import { renderToString } from 'preact-render-to-string';
import type { VNode } from 'preact';
import type { ArchivePageView, ArticlePageView, CommentFormPageView, ErrorPageView, HomePageView, StaticPageView } from './models.js';
import { CommentFormPage } from './pages/CommentFormPage.js';
import { ArchivePage } from './pages/ArchivePage.js';
import { ArticlePage, type ArticlePageExtras } from './pages/ArticlePage.js';
import { ErrorPage } from './pages/ErrorPage.js';
import { HomePage } from './pages/HomePage.js';
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
