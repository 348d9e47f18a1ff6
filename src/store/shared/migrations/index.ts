import type { Migration } from 'kysely';
import type { MigrationDialect } from './MigrationDialect.js';
import { m001Content } from './m001_content.js';
import { m002ContentVersion } from './m002_content_version.js';
import { m003SitemapIndex } from './m003_sitemap_index.js';
import { m004Comments } from './m004_comments.js';
import { m005Search } from './m005_search.js';
import { m006Accounts } from './m006_accounts.js';
import { m007Workflow } from './m007_workflow.js';
import { m008Media } from './m008_media.js';
import { m009CommentIndexes } from './m009_comment_indexes.js';
import { m010ImportKeys } from './m010_import_keys.js';
import { m011PurgeLog } from './m011_purge_log.js';
import { m012ThreadCount } from './m012_thread_count.js';
import { m013ArticleCanonical } from './m013_article_canonical.js';
import { m014ImportRuns } from './m014_import_runs.js';
import { m015SearchCandidates } from './m015_search_candidates.js';
import { m016ImportCancel } from './m016_import_cancel.js';
import { m017CommentCreatedIndex } from './m017_comment_created_index.js';

/** Every migration, in order. Names are stable forever: the store records them. */
export function allMigrations(d: MigrationDialect): Record<string, Migration> {
  return {
    '001_content': m001Content(d),
    '002_content_version': m002ContentVersion(),
    '003_sitemap_index': m003SitemapIndex(),
    '004_comments': m004Comments(d),
    '005_search': m005Search(d),
    '006_accounts': m006Accounts(d),
    '007_workflow': m007Workflow(d),
    '008_media': m008Media(),
    '009_comment_indexes': m009CommentIndexes(),
    '010_import_keys': m010ImportKeys(),
    '011_purge_log': m011PurgeLog(),
    '012_thread_count': m012ThreadCount(),
    '013_article_canonical': m013ArticleCanonical(),
    '014_import_runs': m014ImportRuns(d),
    '015_search_candidates': m015SearchCandidates(d),
    '016_import_cancel': m016ImportCancel(),
    '017_comment_created_index': m017CommentCreatedIndex(),
  };
}
