import type { Page } from '../../domain/page.js';
import { readCommentFeed, type CommentFeedData } from '../distribution/readCommentFeed.js';
import { feedPath, readFeed, type FeedData, type FeedScope } from '../distribution/readFeed.js';
import { parsePublicPath, type FeedFormat } from './parsePublicPath.js';
import type { ReadingDeps } from './ReadingDeps.js';
import { findArchiveSubject, readArchive, type ArchiveData } from './readArchive.js';
import { readArticle, type ArticleData } from './readArticle.js';
import { readFrame, type FrameData } from './readFrame.js';
import { readHome, type HomeData } from './readHome.js';
import { resolvePath } from './resolvePath.js';

/** What a reader's request for a public path comes to, before any HTML is made. */
export type PublicOutcome =
  | { kind: 'home'; data: HomeData }
  | { kind: 'archive'; data: ArchiveData; basePath: string }
  /** `canonicalPath` is the article's; `path` is the page's own (with `comment-page-N/`). */
  | { kind: 'article'; data: ArticleData; canonicalPath: string; commentPage: number }
  | { kind: 'page'; frame: FrameData; page: Page }
  | { kind: 'feed'; data: FeedData; format: FeedFormat }
  | { kind: 'comment-feed'; data: CommentFeedData; format: FeedFormat }
  /** `keepQuery`: a canonical-form redirect keeps the query string; a stored redirect does not. */
  | { kind: 'redirect'; location: string; status: number; keepQuery: boolean }
  | { kind: 'not-found' };

/**
 * Everything a decoded public path can be: the home page, a section/tag/author archive page, an
 * article under the site's permalink structure, a static page, a redirect, or nothing.
 */
export async function readPublicPath(deps: ReadingDeps, path: string): Promise<PublicOutcome> {
  const route = parsePublicPath(path);
  if (route.kind === 'bad-page') return { kind: 'not-found' };
  if (route.kind === 'feed') {
    let scope: FeedScope = { kind: 'site' };
    let owner = '/';
    if (route.archive !== 'site') {
      const found = await findArchiveSubject(deps, route.archive, route.slugPath);
      if (!found) return { kind: 'not-found' };
      const { subject } = found;
      scope = subject.kind === 'section' ? { kind: 'section', section: subject.section } : subject.kind === 'tag' ? { kind: 'tag', tag: subject.tag } : { kind: 'author', author: subject.author };
      owner = `/${route.archive === 'section' ? 'category' : route.archive}/${found.canonicalSlugPath}/`;
    }
    const canonical = feedPath(owner, route.format);
    if (path !== canonical) return { kind: 'redirect', location: canonical, status: 301, keepQuery: true };
    return { kind: 'feed', data: await readFeed(deps, scope), format: route.format };
  }
  if (route.kind === 'comment-feed') {
    if (route.scope === 'site') {
      if (path !== feedPath('/comments/', route.format)) return { kind: 'redirect', location: feedPath('/comments/', route.format), status: 301, keepQuery: true };
      return { kind: 'comment-feed', data: await readCommentFeed(deps, { kind: 'site' }), format: route.format };
    }
    let owner = await resolvePath(deps, route.ownerPath);
    // Structures ending in ".html" (/%post_id%.html) give <permalink>/feed/.
    if (owner.kind !== 'article') owner = await resolvePath(deps, route.ownerPath.slice(0, -1));
    if (owner.kind !== 'article') return { kind: 'not-found' };
    const canonical = feedPath(owner.canonicalPath.endsWith('/') ? owner.canonicalPath : `${owner.canonicalPath}/`, route.format);
    if (path !== canonical) return { kind: 'redirect', location: canonical, status: 301, keepQuery: true };
    return { kind: 'comment-feed', data: await readCommentFeed(deps, { kind: 'article', article: owner.article, path: owner.canonicalPath }), format: route.format };
  }
  if (route.kind === 'home') {
    if (path !== '/') return { kind: 'redirect', location: '/', status: 301, keepQuery: true };
    return { kind: 'home', data: await readHome(deps) };
  }
  if (route.kind === 'archive') {
    const found = await findArchiveSubject(deps, route.archive, route.slugPath);
    if (!found) return { kind: 'not-found' };
    const prefix = route.archive === 'section' ? 'category' : route.archive;
    const basePath = `/${prefix}/${found.canonicalSlugPath}/`;
    const canonical = route.page === 1 ? basePath : `${basePath}page/${route.page}/`;
    if (path !== canonical) return { kind: 'redirect', location: canonical, status: 301, keepQuery: true };
    const data = await readArchive(deps, found.subject, route.page);
    return data ? { kind: 'archive', data, basePath } : { kind: 'not-found' };
  }
  // WordPress pages an article's comments as <permalink>comment-page-N/.
  const commentPage = /^(.*\/)comment-page-(\d{1,6})\/?$/.exec(path);
  const pageNumber = commentPage ? Number(commentPage[2]) : 1;
  let resolution = await resolvePath(deps, commentPage ? commentPage[1]! : path);
  // Structures ending in ".html" (/%post_id%.html) give <permalink>/comment-page-N/.
  if (commentPage && resolution.kind !== 'article' && commentPage[1]!.length > 1) resolution = await resolvePath(deps, commentPage[1]!.slice(0, -1));
  if (commentPage && resolution.kind !== 'article') return { kind: 'not-found' };
  switch (resolution.kind) {
    case 'article': {
      const canonical = pageNumber === 1 ? resolution.canonicalPath : commentPagePath(resolution.canonicalPath, pageNumber);
      if (path !== canonical) return { kind: 'redirect', location: canonical, status: 301, keepQuery: true };
      const data = await readArticle(deps, resolution.article, pageNumber);
      return data ? { kind: 'article', data, canonicalPath: resolution.canonicalPath, commentPage: pageNumber } : { kind: 'not-found' };
    }
    case 'page':
      if (path !== resolution.canonicalPath) return { kind: 'redirect', location: resolution.canonicalPath, status: 301, keepQuery: true };
      return { kind: 'page', frame: await readFrame(deps), page: resolution.page };
    case 'redirect':
      return { kind: 'redirect', location: resolution.location, status: resolution.status, keepQuery: false };
    case 'none': {
      // WordPress's AMP plugin: <permalink>amp/ is the same article (and page) for us.
      const amp = /^(.*\/)amp\/?$/.exec(path);
      if (amp && amp[1]!.length > 1) {
        const owner = await readPublicPath(deps, amp[1]!.endsWith('.html/') ? amp[1]!.slice(0, -1) : amp[1]!);
        if (owner.kind === 'article') return { kind: 'redirect', location: owner.canonicalPath, status: 301, keepQuery: false };
        if (owner.kind === 'page') return { kind: 'redirect', location: `/${owner.page.slug}/`, status: 301, keepQuery: false };
        if (owner.kind === 'redirect') return { ...owner, keepQuery: false };
      }
      return { kind: 'not-found' };
    }
  }
}

/** The address of page `n` of an article's comments (page 1 is the article itself). */
export function commentPagePath(articlePath: string, n: number): string {
  if (n <= 1) return articlePath;
  return `${articlePath.endsWith('/') ? articlePath : `${articlePath}/`}comment-page-${n}/`;
}
