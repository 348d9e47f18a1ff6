/** What a public path asks for, before anything is looked up. */
export type FeedFormat = 'rss' | 'atom' | 'json';

export type PublicRoute =
  | { kind: 'home' }
  | { kind: 'feed'; archive: 'site' | 'section' | 'tag' | 'author'; slugPath: string; format: FeedFormat }
  /** WordPress's comment feeds: `/comments/feed/` (site) and `<article permalink>feed/` (one article). */
  | { kind: 'comment-feed'; scope: 'site' | 'article'; ownerPath: string; format: FeedFormat }
  | { kind: 'archive'; archive: 'section' | 'tag' | 'author'; slugPath: string; page: number }
  | { kind: 'other' }
  | { kind: 'bad-page' };

const ARCHIVES = { category: 'section', tag: 'tag', author: 'author' } as const;

/**
 * Classifies a decoded, NFC path. Archive paths are `/category/<a>/<b>/`, `/tag/<slug>/`,
 * `/author/<slug>/`, each optionally followed by `page/<n>/` (WordPress's pagination).
 * A page number that is not a positive integer is `bad-page` (answered with 404).
 *
 * @example parsePublicPath('/category/رياضة/page/2/') // { kind: 'archive', archive: 'section', slugPath: 'رياضة', page: 2 }
 */
export function parsePublicPath(path: string): PublicRoute {
  if (path === '/' || path === '') return { kind: 'home' };
  let segments = path.split('/').filter((s) => s.length > 0);
  // Feeds, WordPress style: /feed/, /feed/atom/, /feed/json/, and the same after an archive path.
  const feedAt = segments.lastIndexOf('feed');
  if (feedAt !== -1 && feedAt >= segments.length - 2) {
    const format = segments[feedAt + 1] ?? 'rss';
    if (format === 'rss' || format === 'atom' || format === 'json') {
      const owner = segments.slice(0, feedAt);
      if (owner.length === 0) return { kind: 'feed', archive: 'site', slugPath: '', format };
      const ownerHead = owner[0] as keyof typeof ARCHIVES;
      if (ownerHead in ARCHIVES && owner.length >= 2) {
        return { kind: 'feed', archive: ARCHIVES[ownerHead], slugPath: owner.slice(1).join('/'), format };
      }
      if (owner.length === 1 && owner[0] === 'comments') return { kind: 'comment-feed', scope: 'site', ownerPath: '/', format };
      if (!(ownerHead in ARCHIVES)) return { kind: 'comment-feed', scope: 'article', ownerPath: `/${owner.join('/')}/`, format };
    }
  }
  segments = path.split('/').filter((s) => s.length > 0);
  const head = segments[0] as keyof typeof ARCHIVES | undefined;
  if (head === undefined || !(head in ARCHIVES) || segments.length < 2) return { kind: 'other' };
  let rest = segments.slice(1);
  let page = 1;
  const pageAt = rest.lastIndexOf('page');
  if (pageAt > 0 && pageAt === rest.length - 2) {
    const n = rest[rest.length - 1]!;
    if (!/^[1-9][0-9]{0,5}$/.test(n)) return { kind: 'bad-page' };
    page = Number(n);
    rest = rest.slice(0, pageAt);
  } else if (pageAt > 0 && pageAt === rest.length - 1) {
    return { kind: 'bad-page' };
  }
  return { kind: 'archive', archive: ARCHIVES[head], slugPath: rest.join('/'), page };
}
