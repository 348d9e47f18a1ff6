import { sql, type Kysely, type Migration } from 'kysely';
import type { MigrationDialect } from './MigrationDialect.js';

/** The content model of DESIGN §4: sections, tags, authors, users, media, articles, pages, redirects. */
export function m001Content(d: MigrationDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'varchar(190)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
        .addColumn('display_name', 'varchar(250)', (c) => c.notNull())
        .addColumn('role', 'varchar(20)', (c) => c.notNull().check(sql`role in ('admin','editor','author','contributor')`))
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('authors')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('slug', 'varchar(400)', (c) => c.notNull().unique())
        .addColumn('display_name', 'varchar(250)', (c) => c.notNull())
        .addColumn('bio', 'text')
        .addColumn('user_id', 'integer', (c) => c.unique().references('users.id').onDelete('set null'))
        .addColumn('is_guest', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sections')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('slug', 'varchar(400)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(250)', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('parent_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('tags')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('slug', 'varchar(400)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(250)', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('media')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('storage_key', 'varchar(1000)', (c) => c.notNull().unique())
        .addColumn('mime_type', 'varchar(100)', (c) => c.notNull())
        .addColumn('width', 'integer')
        .addColumn('height', 'integer')
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('caption', 'text')
        .addColumn('credit', 'text')
        .addColumn('focal_x', 'real')
        .addColumn('focal_y', 'real')
        .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('articles')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('slug', 'varchar(400)', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('lede', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) =>
          c.notNull().check(sql`status in ('draft','pending','scheduled','published','unpublished','trash')`),
        )
        .addColumn('published_at', 'varchar(30)')
        .addColumn('modified_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('primary_section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
        .addColumn('featured_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
        .addColumn('is_breaking', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('is_featured', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('comments_open', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('seo_title', 'text')
        .addColumn('seo_description', 'text')
        .addColumn('reading_minutes', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('articles_slug_uq').on('articles').column('slug').unique().execute();
      await db.schema.createIndex('articles_status_published_idx').on('articles').columns(['status', 'published_at']).execute();
      await db.schema
        .createIndex('articles_section_published_idx')
        .on('articles')
        .columns(['primary_section_id', 'status', 'published_at'])
        .execute();
      // The breaking bar and the featured block must not scan the whole archive.
      await db.schema.createIndex('articles_breaking_idx').on('articles').columns(['is_breaking', 'status', 'published_at']).execute();
      await db.schema.createIndex('articles_featured_idx').on('articles').columns(['is_featured', 'status', 'published_at']).execute();

      for (const [table, column, target] of [
        ['article_sections', 'section_id', 'sections'],
        ['article_tags', 'tag_id', 'tags'],
        ['article_authors', 'author_id', 'authors'],
      ] as const) {
        await db.schema
          .createTable(table)
          .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn(column, 'integer', (c) => c.notNull().references(`${target}.id`).onDelete('cascade'))
          .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
          .addPrimaryKeyConstraint(`${table}_pk`, ['article_id', column])
          .execute();
        await db.schema.createIndex(`${table}_${column}_idx`).on(table).columns([column, 'article_id']).execute();
      }

      await db.schema
        .createTable('article_revisions')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('lede', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('article_revisions_version_uq', ['article_id', 'version'])
        .execute();

      await db.schema
        .createTable('pages')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('slug', 'varchar(400)', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull().check(sql`status in ('draft','published','trash')`))
        .addColumn('published_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('redirects')
        .addColumn('id', 'integer', (c) => d.autoId(c))
        .addColumn('from_path', 'varchar(2000)', (c) => c.notNull().unique())
        .addColumn('to_path', 'varchar(2000)', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull().defaultTo(301))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('article_daily_views')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('day', 'varchar(10)', (c) => c.notNull())
        .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('article_daily_views_pk', ['article_id', 'day'])
        .execute();
      await db.schema.createIndex('article_daily_views_day_idx').on('article_daily_views').columns(['day', 'article_id']).execute();
    },

    async down(db: Kysely<any>) {
      for (const table of [
        'article_daily_views',
        'redirects',
        'pages',
        'article_revisions',
        'article_authors',
        'article_tags',
        'article_sections',
        'articles',
        'media',
        'tags',
        'sections',
        'authors',
        'users',
        'settings',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
