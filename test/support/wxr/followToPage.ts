import type { FastifyInstance } from 'fastify';

export interface Landing {
  /** The status of the first answer. */
  first: number;
  /** The final answer after at most one redirect (or the first when it was not a redirect). */
  status: number;
  /** Where the redirect pointed, if it did. */
  location: string | null;
  contentType: string;
  body: string;
}

/**
 * GETs an old URL in-process and follows one 301 within the site (a Location on `origin` or a
 * relative one); a redirect off the site is returned as it is, unfollowed.
 */
export async function followToPage(app: FastifyInstance, url: string, origin: string): Promise<Landing> {
  const target = new URL(url, origin);
  const first = await app.inject({ method: 'GET', url: target.pathname + target.search });
  if (first.statusCode < 300 || first.statusCode >= 400) {
    return { first: first.statusCode, status: first.statusCode, location: null, contentType: String(first.headers['content-type'] ?? ''), body: first.body };
  }
  const location = String(first.headers.location ?? '');
  const next = new URL(location, target);
  if (next.origin !== new URL(origin).origin) return { first: first.statusCode, status: first.statusCode, location, contentType: '', body: '' };
  const second = await app.inject({ method: 'GET', url: next.pathname + next.search });
  return { first: first.statusCode, status: second.statusCode, location, contentType: String(second.headers['content-type'] ?? ''), body: second.body };
}

/** The text a reader sees in an HTML or XML document: tags dropped, common entities decoded, spaces folded. */
export function visibleText(markup: string): string {
  return markup
    .replace(/<!\[CDATA\[|\]\]>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:quot|#34|#x22);/gi, '"')
    .replace(/&(?:#39|#x27|apos);/gi, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&(?:nbsp|#160);/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/gu, ' ');
}
