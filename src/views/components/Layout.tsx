import type { ComponentChildren } from 'preact';
import type { HeadView, SiteView, SocialMetaView } from '../models.js';
import { BreakingBar } from './BreakingBar.js';
import { memoElement } from './memoElement.js';
import { MemoFooter, MemoHeader } from './memoizedChrome.js';

/** The one font worth preloading: the Arabic subset of the body face, used by every page. */
export const preloadedFontHref = '/assets/fonts/noto-naskh-arabic-arabic-400.v1.woff2';

/**
 * JSON inside `<script>`: `<`, `>` and `&` are written as Unicode escapes so no text can close the
 * element or open a comment, whatever a headline contains. (JSON-LD is data: CSP's
 * `script-src` does not apply to it.)
 */
export function jsonForScript(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function SocialMeta({ social }: { social: SocialMetaView }) {
  return (
    <>
          <meta property="og:type" content={social.type} />
          <meta property="og:locale" content={social.locale} />
          {social.image !== null && (
            <>
              <meta property="og:image" content={social.image.url} />
              {social.image.width !== null && <meta property="og:image:width" content={String(social.image.width)} />}
              {social.image.height !== null && <meta property="og:image:height" content={String(social.image.height)} />}
              <meta property="og:image:alt" content={social.image.alt} />
        </>
      )}
      {social.publishedTime !== undefined && <meta property="article:published_time" content={social.publishedTime} />}
      {social.modifiedTime !== undefined && <meta property="article:modified_time" content={social.modifiedTime} />}
      {social.section !== undefined && <meta property="article:section" content={social.section} />}
      {social.tags?.map((tag) => <meta key={tag} property="article:tag" content={tag} />)}
      {social.authors?.map((url) => <meta key={url} property="article:author" content={url} />)}
      <meta name="twitter:card" content={social.image !== null ? 'summary_large_image' : 'summary'} />
    </>
  );
}

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
      {memoElement(head, `${site.name}\u0001${site.stylesheetHref}`, 'head', {}, () => (
        <>
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
      <link rel="alternate" type="application/rss+xml" title={`${site.name} » التعليقات`} href="/comments/feed/" />
      {head.feed !== undefined && <link rel="alternate" type="application/rss+xml" title={head.feed.name} href={head.feed.href} />}
      {head.commentsFeed !== undefined && <link rel="alternate" type="application/rss+xml" title={head.commentsFeed.name} href={head.commentsFeed.href} />}
      <meta name="theme-color" content="#b0101c" />
      <meta property="og:site_name" content={site.name} />
      <meta property="og:title" content={head.title} />
      <meta property="og:description" content={head.description} />
      <meta property="og:url" content={head.canonical} />
      {head.social !== undefined && <SocialMeta social={head.social} />}
      {head.scripts?.map((src) => <script key={src} src={src} defer />)}
      {head.jsonLd?.map((data, i) => (
        <script key={i} type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
      ))}
        </>
      ))}
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
