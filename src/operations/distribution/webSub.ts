import type { Article } from '../../domain/article.js';
import { encodePath } from '../../domain/permalink.js';
import { indexSections } from '../site/sectionDirectory.js';
import type { Repositories } from '../../store/ports.js';
import type { FeedFormat } from '../reading/parsePublicPath.js';
import { feedPath } from './readFeed.js';

/** The job kind of a WebSub publish ping; its payload is a {@link WebSubPing}. */
export const WEBSUB_JOB = 'websub.ping';

/** One hub to tell that these feeds (topics, absolute URLs) changed. */
export interface WebSubPing {
  hub: string;
  topics: string[];
}

/**
 * How a ping reaches a hub: the composition root passes the outbound guard (src/net), which refuses
 * private and loopback addresses unless the config allows them and bounds the time a hub may take.
 */
export type PingFetch = (url: string, request: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<{ status: number }>;

const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/**
 * The feeds (every format) whose items an article is or was in: the site's, its sections' and their
 * ancestors' (a section feed covers its subtree), its tags' and its authors' (guest bylines have no
 * page and no feed). Absolute, percent-encoded URLs, as the feeds name themselves in `rel="self"`.
 */
export async function feedTopicsOf(repos: Repositories, baseUrl: string, article: Pick<Article, 'sectionIds' | 'tagIds' | 'authorIds'>): Promise<string[]> {
  const [sections, tags, authors] = await Promise.all([
    article.sectionIds.length ? repos.sections.list() : Promise.resolve([]),
    article.tagIds.length ? repos.tags.findByIds(article.tagIds) : Promise.resolve([]),
    article.authorIds.length ? repos.authors.findByIds(article.authorIds) : Promise.resolve([]),
  ]);
  const index = indexSections(sections);
  const pages = new Set<string>(['/']);
  for (const id of article.sectionIds) {
    const section = index.byId.get(id);
    if (!section) continue;
    for (const s of [...index.ancestors(section), section]) pages.add(`/category/${index.path(s)}/`);
  }
  for (const tag of tags) pages.add(`/tag/${tag.slug}/`);
  for (const author of authors) if (!author.isGuest) pages.add(`/author/${author.slug}/`);
  return [...pages].flatMap((page) => FORMATS.map((format) => baseUrl + encodePath(feedPath(page, format))));
}

/**
 * Queues one ping per configured hub for the feeds an article change touched, in the caller's
 * transaction (`repos`), so a rolled-back publish pings nobody and a committed one is never forgotten.
 * Retries (a hub down, a 5xx) follow the queue's doubling back-off.
 */
export async function queueWebSubPings(
  repos: Repositories,
  options: { hubs: readonly string[]; baseUrl: string; now: Date },
  article: Pick<Article, 'sectionIds' | 'tagIds' | 'authorIds'>,
): Promise<number> {
  if (options.hubs.length === 0) return 0;
  const topics = await feedTopicsOf(repos, options.baseUrl, article);
  for (const hub of options.hubs) {
    const ping: WebSubPing = { hub, topics };
    await repos.jobs.enqueue({ kind: WEBSUB_JOB, payload: ping, runAt: options.now, maxAttempts: 8, backoffMs: 30_000 });
  }
  return options.hubs.length;
}

/** Reads a job payload back, refusing anything that is not a ping (a hand-edited row, an old shape). */
export function parseWebSubPing(payload: unknown): WebSubPing {
  const p = payload as Partial<WebSubPing> | null;
  if (!p || typeof p.hub !== 'string' || !Array.isArray(p.topics) || !p.topics.every((t) => typeof t === 'string')) {
    throw new Error('websub.ping: payload must be { hub: string, topics: string[] }');
  }
  return { hub: p.hub, topics: p.topics };
}

/**
 * Tells a hub that topics changed: the publish notification hubs accept (Google's, Superfeedr,
 * WebSub.rocks): a form POST with `hub.mode=publish` and one `hub.url` per topic. Any 2xx is
 * success; anything else (or a refused or failed request) throws, so the job is retried.
 */
export async function pingWebSubHub(fetch: PingFetch, ping: WebSubPing): Promise<void> {
  const body = new URLSearchParams([['hub.mode', 'publish'], ...ping.topics.map((t): [string, string] => ['hub.url', t])]);
  const response = await fetch(ping.hub, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
  if (response.status < 200 || response.status > 299) throw new Error(`websub hub ${ping.hub} answered ${response.status}`);
}
