import { encodePath } from '../../domain/permalink.js';
import type { FeedView } from '../../feeds/FeedView.js';
import type { CommentFeedData } from '../../operations/distribution/readCommentFeed.js';
import { feedPath } from '../../operations/distribution/readFeed.js';
import type { FeedFormat } from '../../operations/reading/parsePublicPath.js';

/** The page a comment feed belongs to and the feed's own path. */
export function commentFeedPaths(data: CommentFeedData): { page: string; feedOwner: string } {
  return data.scope.kind === 'article' ? { page: data.scope.path, feedOwner: data.scope.path.endsWith('/') ? data.scope.path : `${data.scope.path}/` } : { page: '/', feedOwner: '/comments/' };
}

/**
 * CommentFeedData → FeedView, in WordPress's words: the site feed is "تعليقات على <site>", an
 * article's is "تعليقات على: <title>", each item "تعليق على <title> بواسطة <name>". Commenters'
 * websites are not linked from feeds; emails are not even in the data.
 */
export function presentCommentFeed(data: CommentFeedData, format: FeedFormat, options: { baseUrl: string }): FeedView {
  const { settings } = data;
  const abs = (path: string) => options.baseUrl + encodePath(path);
  const { page, feedOwner } = commentFeedPaths(data);
  return {
    title: data.scope.kind === 'article' ? `تعليقات على: ${data.scope.article.title}` : `تعليقات على ${settings.name}`,
    description: settings.tagline || settings.name,
    language: settings.locale.split('-')[0] ?? settings.locale,
    timeZone: settings.timeZone,
    homeUrl: abs(page),
    selfUrl: abs(feedPath(feedOwner, format)),
    iconUrl: `${options.baseUrl}/assets/favicon.svg`,
    // Comment feeds are not pinged (WebSub pings follow article changes), so they name no hub.
    hubs: [],
    generator: 'Khabar',
    items: data.entries.map(({ comment, articleTitle, articlePath }) => ({
      id: `${options.baseUrl}/?p=comment-${comment.id}`,
      url: `${abs(articlePath)}#comment-${comment.id}`,
      title: `تعليق على ${articleTitle} بواسطة ${comment.authorName}`,
      summary: null,
      contentHtml: comment.body,
      published: comment.createdAt,
      updated: comment.createdAt,
      authors: [{ name: comment.authorName, url: null }],
      categories: [],
      image: null,
    })),
  };
}
