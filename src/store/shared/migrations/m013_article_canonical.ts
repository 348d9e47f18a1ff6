import type { Kysely, Migration } from 'kysely';

/**
 * An article's canonical URL when it is not the article's own address (issue #7: Yoast SEO's
 * `_yoast_wpseo_canonical`, e.g. a story first published on a partner site). Null: the article's
 * own URL is its canonical, as before. Only http(s) URLs are stored (checked by the writers).
 */
export function m013ArticleCanonical(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('articles').addColumn('canonical_url', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('articles').dropColumn('canonical_url').execute();
    },
  };
}
