import type { Kysely } from 'kysely';
import type { Repositories, SearchIndex } from '../ports.js';
import type { Section } from '../../domain/section.js';
import { surrogateKey } from '../../domain/surrogateKeys.js';
import { ancestorsIn, sectionParents } from './articlePurgeKeys.js';
import { recordPurge } from './purgeLog.js';
import type { Database } from './schema.js';
import { createCommentRepository } from './repositories/comments.js';
import { createHitCounter, createRateLimitRepository } from './repositories/rateLimits.js';
import { createSecretRepository } from './repositories/secrets.js';
import { createArticleRepository } from './repositories/articles.js';
import { createAuthorRepository } from './repositories/authors.js';
import { createImportRepository } from './repositories/imports.js';
import { createInvitationRepository } from './repositories/invitations.js';
import { createMediaRepository } from './repositories/media.js';
import { createPageRepository } from './repositories/pages.js';
import { createRedirectRepository } from './repositories/redirects.js';
import { createSectionRepository } from './repositories/sections.js';
import { createSessionRepository } from './repositories/sessions.js';
import { createSettingsRepository } from './repositories/settings.js';
import { createTagRepository } from './repositories/tags.js';
import { createUserRepository } from './repositories/users.js';
import { syncArticleSearch, type AnalyzeDocument } from './search/syncArticleSearch.js';

/** How a store keeps its search index: the dialect's index over a connection, and the analyzer. */
export interface SearchWiring {
  indexOf(db: Kysely<Database>): SearchIndex;
  analyze: AnalyzeDocument;
}
import { createAuditRepository } from './repositories/audit.js';
import { createJobRepository } from './repositories/jobs.js';
import { createPresenceRepository } from './repositories/presence.js';
import { createImportRunRepository } from './repositories/importRuns.js';
import type { DialectQueries } from './dialectQueries.js';
import type { GroupCommit } from './groupCommit.js';

type Write = (...args: any[]) => Promise<unknown>;
/** What a write purges, from its arguments, its result and what it read before writing. */
type KeysOf = (args: any[], result: any, before: any) => readonly string[];
interface PurgeRule {
  /** Read before the write (in its transaction), e.g. the section being renamed. */
  before?: (conn: Kysely<Database>, args: any[]) => Promise<unknown>;
  keys: KeysOf;
}

const k = surrogateKey;
const always = (...keys: string[]): PurgeRule => ({ keys: () => keys });

/** A section's own keys and those of the lists it is (or was) part of. */
function sectionKeys(section: Section | null | undefined, parents: Map<number, number | null>): string[] {
  if (!section) return [];
  const keys = [k.section(section.id), k.sectionLabel(section.id), k.relatedSection(section.id)];
  // Top-level sections are the navigation shown on every page; a subsection is listed on its parent's archive.
  if (section.parentId === null || !parents.has(section.parentId)) keys.push(k.nav);
  else for (const up of [section.parentId, ...ancestorsIn(parents, section.parentId)]) keys.push(k.section(up));
  return keys;
}

const sectionBefore = async (conn: Kysely<Database>, args: any[]) => {
  const parents = await sectionParents(conn);
  const row = await conn.selectFrom('sections').select(['id', 'parent_id']).where('id', '=', Number(args[0])).executeTakeFirst();
  return { parents, section: row ? ({ id: row.id, parentId: row.parent_id } as Section) : null };
};

/**
 * Write methods that change what readers see, and the surrogate keys each purges
 * (docs/decisions/014-page-cache.md). `articles.save`/`create` and the comment writes record
 * their own purges inside their transactions (they know the before and after).
 */
const PURGES: { [R in keyof Repositories]?: Record<string, PurgeRule> } = {
  sections: {
    create: { keys: (_a, created: Section) => [k.sectionTree, k.sitemap, ...(created.parentId === null ? [k.nav] : [k.section(created.parentId)])] },
    update: {
      before: sectionBefore,
      keys: (_a, updated: Section | null, b: Awaited<ReturnType<typeof sectionBefore>>) =>
        updated ? [k.sectionTree, k.sitemap, k.search, k.redirect, ...sectionKeys(b.section, b.parents), ...sectionKeys(updated, b.parents)] : [],
    },
    delete: {
      before: sectionBefore,
      keys: (_a, deleted: boolean, b: Awaited<ReturnType<typeof sectionBefore>>) => (deleted ? [k.sectionTree, k.sitemap, k.search, k.redirect, ...sectionKeys(b.section, b.parents)] : []),
    },
  },
  tags: {
    create: always(k.sitemap),
    update: { keys: ([id], updated) => (updated ? [k.tag(id), k.tagLabel(id), k.sitemap, k.search] : []) },
    delete: { keys: ([id], deleted) => (deleted ? [k.tag(id), k.tagLabel(id), k.relatedTag(id), k.sitemap, k.search] : []) },
  },
  authors: { create: always(k.sitemap) },
  pages: { create: always(k.pages, k.sitemap) },
  media: {
    update: { keys: ([id], updated) => (updated ? [k.media(id)] : []) },
    delete: { keys: ([id], deleted) => (deleted ? [k.media(id)] : []) },
  },
  redirects: { put: always(k.redirect) },
  settings: { set: always(k.settings) },
  search: { index: always(k.search), remove: always(k.search), clear: always(k.search), rebuild: always(k.search) },
};

/**
 * Wraps the content writes so each records its purge after the write: inside a transaction in
 * the same transaction, otherwise right after the write committed (the record moves the content
 * version and logs the keys atomically). A reader can thus never see the purge before the content.
 */
function withPurges(repos: Repositories, db: Kysely<Database>, now: () => Date): Repositories {
  for (const [name, rules] of Object.entries(PURGES) as Array<[keyof Repositories, Record<string, PurgeRule>]>) {
    const repo = repos[name] as unknown as Record<string, Write>;
    for (const [method, rule] of Object.entries(rules)) {
      const write = repo[method]!;
      repo[method] = async (...args: unknown[]) => {
        const before = rule.before ? await rule.before(db, args) : undefined;
        const result = await write(...args);
        await recordPurge(db, rule.keys(args, result, before), now);
        return result;
      };
    }
  }
  return repos;
}

/**
 * The dialect-neutral repositories over one connection or transaction. Article writes keep the
 * search index current (syncArticleSearch): at once on their own transaction, or — inside
 * `store.transaction` — collected in `pendingSearch` and synced in bulk before that commits.
 */
export function createRepositories(
  db: Kysely<Database>,
  now: () => Date,
  inTransaction: boolean,
  search: SearchWiring,
  dialect: DialectQueries,
  writes: GroupCommit,
  pendingSearch?: Set<number>,
): Repositories {
  const articlesWritten = async (conn: Kysely<Database>, ids: readonly number[]) => {
    if (pendingSearch) for (const id of ids) pendingSearch.add(id);
    else await syncArticleSearch(conn, search.indexOf(conn), search.analyze, ids);
  };
  const countHits = createHitCounter(db);
  return withPurges({
    imports: createImportRepository(db, now, dialect, articlesWritten),
    importRuns: createImportRunRepository(db, now),
    articles: createArticleRepository(db, now, inTransaction, articlesWritten, dialect),
    search: search.indexOf(db),
    sections: createSectionRepository(db, now),
    tags: createTagRepository(db, now),
    authors: createAuthorRepository(db, now),
    users: createUserRepository(db, now),
    sessions: createSessionRepository(db, now),
    invitations: createInvitationRepository(db, now),
    pages: createPageRepository(db, now),
    media: createMediaRepository(db, now),
    redirects: createRedirectRepository(db, now),
    settings: createSettingsRepository(db),
    comments: createCommentRepository(db, now, writes, dialect, countHits),
    rateLimits: createRateLimitRepository(db, writes, countHits),
    secrets: createSecretRepository(db, now),
    jobs: createJobRepository(db, now, dialect),
    audit: createAuditRepository(db, now),
    presence: createPresenceRepository(db, now),
  }, db, now);
}
