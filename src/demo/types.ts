/**
 * The shape of the demo site the team wrote (src/demo/content.ts). Loaded by `khabar demo`
 * (and by `khabar serve` on an empty store) through the ordinary operations.
 */
export interface DemoSection {
  slug: string;
  name: string;
  description: string;
  /** Slug of the parent section, for subsections. */
  parent?: string;
}

export interface DemoAuthor {
  slug: string;
  name: string;
  bio: string;
  /** Guest bylines have no account and no profile page of their own in the newsroom. */
  guest?: boolean;
}

export interface DemoImage {
  /** File name under assets/demo/ (an SVG the team drew). */
  file: string;
  alt: string;
  caption: string;
  credit: string;
  width: number;
  height: number;
}

export interface DemoArticle {
  slug: string;
  title: string;
  lede: string;
  /** HTML using only p, h2, h3, ul, ol, li, blockquote, strong, em, a[href], figure, figcaption. */
  body: string;
  /** Primary section first. */
  sections: string[];
  tags: string[];
  /** Author slugs, in byline order. */
  authors: string[];
  /** Hours before the moment the demo is loaded; articles are spread over the last weeks. */
  hoursAgo: number;
  /** Hours after publication when it was last updated, if ever. */
  updatedAfterHours?: number;
  breaking?: boolean;
  featured?: boolean;
  image?: DemoImage;
}

export interface DemoPage {
  slug: string;
  title: string;
  body: string;
}

export interface DemoContent {
  site: { name: string; tagline: string };
  sections: DemoSection[];
  authors: DemoAuthor[];
  tags: { slug: string; name: string }[];
  articles: DemoArticle[];
  pages: DemoPage[];
}
