/** What a public path asks for, before anything is looked up. */
export type PublicRoute =
  | { kind: 'home' }
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
  const segments = path.split('/').filter((s) => s.length > 0);
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
