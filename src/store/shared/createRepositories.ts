import type { Kysely } from 'kysely';
import type { Repositories, SearchIndex } from '../ports.js';
import { bumpContentVersion } from './contentVersion.js';
import type { Database } from './schema.js';
import { createCommentRepository } from './repositories/comments.js';
import { createRateLimitRepository } from './repositories/rateLimits.js';
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
import type { DialectQueries } from './dialectQueries.js';
import type { GroupCommit } from './groupCommit.js';

/**
 * Write methods that change what readers see: each bumps the content version once it succeeded.
 * `articles.save` is not listed: it bumps inside its own transaction, only when the article is or
 * was published (a draft's autosave changes nothing readers see).
 */
const CONTENT_WRITES = {
  articles: ['create'],
  sections: ['create', 'update', 'delete'],
  tags: ['create', 'update', 'delete'],
  authors: ['create'],
  pages: ['create'],
  media: ['create', 'update', 'delete'],
  redirects: ['put'],
  settings: ['set'],
  search: ['index', 'remove', 'clear', 'rebuild'],
} as const;

/**
 * Wraps the content writes so the version moves after the write: inside a transaction in the
 * same transaction, otherwise right after the write committed. A reader can thus never see the new
 * version with the old content (it may see new content with the old version, which is harmless).
 */
function withVersionBumps(repos: Repositories, db: Kysely<Database>): Repositories {
  for (const [name, methods] of Object.entries(CONTENT_WRITES) as Array<[keyof typeof CONTENT_WRITES, readonly string[]]>) {
    const repo = repos[name] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of methods) {
      const write = repo[method]!;
      repo[method] = async (...args: unknown[]) => {
        const result = await write(...args);
        await bumpContentVersion(db);
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
  return withVersionBumps({
    imports: createImportRepository(db, now, dialect, articlesWritten),
    articles: createArticleRepository(db, now, inTransaction, articlesWritten),
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
    comments: createCommentRepository(db, now, writes),
    rateLimits: createRateLimitRepository(db, writes),
    secrets: createSecretRepository(db, now),
    jobs: createJobRepository(db, now, dialect),
    audit: createAuditRepository(db, now),
    presence: createPresenceRepository(db, now),
  }, db);
}
