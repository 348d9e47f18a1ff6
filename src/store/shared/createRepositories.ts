import type { Kysely } from 'kysely';
import type { Repositories } from '../ports.js';
import type { Database } from './schema.js';
import { createArticleRepository } from './repositories/articles.js';
import { createAuthorRepository } from './repositories/authors.js';
import { createMediaRepository } from './repositories/media.js';
import { createPageRepository } from './repositories/pages.js';
import { createRedirectRepository } from './repositories/redirects.js';
import { createSectionRepository } from './repositories/sections.js';
import { createSettingsRepository } from './repositories/settings.js';
import { createTagRepository } from './repositories/tags.js';
import { createUserRepository } from './repositories/users.js';

/** The dialect-neutral repositories over one connection or transaction. */
export function createRepositories(db: Kysely<Database>, now: () => Date, inTransaction: boolean): Repositories {
  return {
    articles: createArticleRepository(db, now, inTransaction),
    sections: createSectionRepository(db, now),
    tags: createTagRepository(db, now),
    authors: createAuthorRepository(db, now),
    users: createUserRepository(db, now),
    pages: createPageRepository(db, now),
    media: createMediaRepository(db, now),
    redirects: createRedirectRepository(db, now),
    settings: createSettingsRepository(db),
  };
}
