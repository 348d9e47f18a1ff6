import type { ComponentChildren } from 'preact';
import type { HeadView, SiteView } from '../models.js';
import { BreakingBar } from './BreakingBar.js';
import { MemoFooter, MemoHeader } from './memoizedChrome.js';

/** The one font worth preloading: the Arabic subset of the body face, used by every page. */
export const preloadedFontHref = '/assets/fonts/noto-naskh-arabic-arabic-400-normal.woff2';

export interface LayoutProps {
  site: SiteView;
  head: HeadView;
  /** A class on `<body>` naming the page type, for styling (`page-home`, `page-article`…). */
  pageClass: string;
  children: ComponentChildren;
}

/**
 * The whole document except the doctype (the renderer adds it): direction and language from the
 * site, the head, skip link, masthead, breaking strip, `<main id="content">`, footer.
 */
export function Layout({ site, head, pageClass, children }: LayoutProps) {
  return (
    <html lang={site.lang} dir={site.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{head.title}</title>
        <meta name="description" content={head.description} />
        <link rel="canonical" href={head.canonical} />
        {head.robots !== null && <meta name="robots" content={head.robots} />}
        <link rel="preload" href={preloadedFontHref} as="font" type="font/woff2" crossorigin="anonymous" />
        <link rel="stylesheet" href={site.stylesheetHref} />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="alternate" type="application/rss+xml" title={site.name} href="/feed/" />
        <link rel="alternate" type="application/atom+xml" title={`${site.name} (Atom)`} href="/feed/atom/" />
        <link rel="alternate" type="application/feed+json" title={`${site.name} (JSON Feed)`} href="/feed/json/" />
        {head.feed !== undefined && <link rel="alternate" type="application/rss+xml" title={head.feed.name} href={head.feed.href} />}
        <meta name="theme-color" content="#b0101c" />
        <meta property="og:site_name" content={site.name} />
        <meta property="og:title" content={head.title} />
        <meta property="og:description" content={head.description} />
        <meta property="og:url" content={head.canonical} />
      </head>
      <body class={pageClass}>
        <a class="skip-link" href="#content">
          انتقل إلى المحتوى
        </a>
        <MemoHeader site={site} />
        <BreakingBar items={site.breaking} />
        <main id="content" tabindex={-1}>
          {children}
        </main>
        <MemoFooter site={site} />
      </body>
    </html>
  );
}
