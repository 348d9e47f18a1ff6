import { renderToString } from 'preact-render-to-string';
import type { VNode } from 'preact';
import type { ArchivePageView, ArticlePageView, ErrorPageView, HomePageView, SearchPageView, StaticPageView } from './models.js';
import { ArchivePage } from './pages/ArchivePage.js';
import { ArticlePage } from './pages/ArticlePage.js';
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

export function renderArticlePage(view: ArticlePageView): string {
  return documentOf(<ArticlePage view={view} />);
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
