import { encodePath } from '../../domain/permalink.js';
import type { FeedView } from '../../feeds/FeedView.js';
import type { MediaStorage } from '../../media/MediaStorage.js';
import { feedPath, type FeedData } from '../../operations/distribution/readFeed.js';
import type { FeedFormat } from '../../operations/reading/parsePublicPath.js';


/** Makes root-relative `href`/`src` in stored HTML absolute: feed readers do not know our origin. */
function absolutize(html: string, baseUrl: string): string {
  return html.replace(/\b(href|src)="\/(?!\/)/g, `$1="${baseUrl}/`);
}

/** FeedData (from the store) → FeedView (absolute URLs, instants, text), for every format. */
export function presentFeed(data: FeedData, format: FeedFormat, options: { baseUrl: string; media: MediaStorage; hubs?: readonly string[] }): FeedView {
  const { settings, scope } = data;
  const abs = (path: string) => options.baseUrl + encodePath(path);
  const scopeName =
    scope.kind === 'section' ? scope.section.name : scope.kind === 'tag' ? scope.tag.name : scope.kind === 'author' ? scope.author.name : null;
  const scopeDescription =
    scope.kind === 'section' ? scope.section.description : scope.kind === 'tag' ? scope.tag.description : scope.kind === 'author' ? scope.author.bio : null;
  return {
    title: scopeName === null ? settings.name : `${settings.name} - ${scopeName}`,
    description: scopeDescription ?? (settings.tagline || settings.name),
    language: settings.locale.split('-')[0] ?? settings.locale,
    timeZone: settings.timeZone,
    homeUrl: abs(data.pagePath),
    selfUrl: abs(feedPath(data.pagePath, format)),
    iconUrl: `${options.baseUrl}/assets/favicon.svg`,
    hubs: options.hubs ?? [],
    generator: 'Khabar',
    items: data.entries.map(({ article, path, authors, tags, section, image }) => {
      const published = article.publishedAt ?? article.createdAt;
      return {
        id: `${options.baseUrl}/?p=${article.id}`,
        url: abs(path),
        title: article.title,
        summary: article.lede,
        contentHtml: absolutize(article.body, options.baseUrl),
        published,
        updated: article.modifiedAt ?? published,
        authors: authors.map((a) => ({ name: a.name, url: a.isGuest ? null : abs(`/author/${a.slug}/`) })),
        categories: [...(section ? [section.name] : []), ...tags.map((t) => t.name)],
        image: image
          ? {
              url: options.baseUrl + options.media.urlPath(image.key),
              type: image.mimeType,
              width: image.width,
              height: image.height,
              length: image.sizeBytes,
            }
          : null,
      };
    }),
  };
}
