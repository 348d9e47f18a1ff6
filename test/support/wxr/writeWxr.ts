import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * A WXR writer that produces files the way WordPress's own exporter does
 * (wp-admin/includes/export.php, WXR 1.2 as WordPress 6.5 writes it): the comment banner, the four
 * namespaces, authors, categories (parent by nicename), tags, then one `<item>` per post with every
 * text field in CDATA (`]]>` split the way `wxr_cdata` splits it), slugs and nicenames left
 * percent-encoded as WordPress stores them, `<link>` built from the site's permalink structure in
 * the site's time zone, GUIDs `?p=ID` / `?page_id=ID`, comments with their parents.
 *
 * It streams: the header is written at once, then each item as it is given (with the stream's
 * back-pressure respected), so a 500 MB export never sits in memory.
 *
 * One deliberate difference: characters XML 1.0 forbids (C0 controls other than tab/LF/CR) are
 * dropped from text; WordPress would write them and produce a file no XML parser accepts.
 */

export interface WxrSite {
  title: string;
  /** Home URL without the trailing slash, e.g. `https://akhbar.example`. */
  url: string;
  description: string;
  language: string;
  /** WordPress's permalink setting, e.g. `/%year%/%monthnum%/%postname%/`. */
  permalinkStructure: string;
  /** The site's time zone (post_date and permalink date parts are local to it). */
  timeZone: string;
  /** When the export was made (channel pubDate and the generator comment). */
  created: Date;
  /** Default `6.6.2`. */
  wordpressVersion?: string;
}

export interface WxrAuthor {
  id: number;
  login: string;
  email: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
}

export interface WxrCategory {
  termId: number;
  /** As stored: percent-encoded lowercase for Arabic (see wpSanitizeTitle). */
  slug: string;
  /** The parent's slug, or null for a top-level category. */
  parent: string | null;
  name: string;
  description?: string;
}

export interface WxrTag {
  termId: number;
  slug: string;
  name: string;
  description?: string;
}

export type WxrCommentApproved = '1' | '0' | 'spam' | 'trash';

export interface WxrComment {
  id: number;
  author: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  date: Date;
  content: string;
  approved: WxrCommentApproved;
  /** `comment` (WordPress ≥ 5.5; older exports leave it empty), `pingback` or `trackback`. */
  type: '' | 'comment' | 'pingback' | 'trackback';
  /** The parent comment's id, 0 for a top-level comment. */
  parent: number;
  userId: number;
}

export type WxrStatus = 'publish' | 'draft' | 'pending' | 'future' | 'private' | 'trash' | 'inherit';

export interface WxrItem {
  id: number;
  type: 'post' | 'page' | 'attachment';
  title: string;
  /** post_name as stored (percent-encoded); WordPress leaves it empty on drafts. */
  slug: string;
  content: string;
  excerpt?: string;
  /** Publication instant (post_date_gmt); post_date is this in the site's time zone. */
  date: Date;
  modified?: Date;
  /** The author's login (`dc:creator`). */
  author: string;
  status: WxrStatus;
  parent?: number;
  menuOrder?: number;
  password?: string;
  sticky?: boolean;
  commentStatus?: 'open' | 'closed';
  /** Category slugs (posts). */
  categories?: string[];
  /** Tag slugs (posts). */
  tags?: string[];
  meta?: Array<[key: string, value: string]>;
  comments?: WxrComment[];
  /** The file's URL (attachments). */
  attachmentUrl?: string;
}

export interface WxrContents {
  authors: WxrAuthor[];
  categories: WxrCategory[];
  tags: WxrTag[];
}

export interface WxrWriter {
  /** Writes one item (waits when the stream asks it to); returns the item's `<link>`. */
  item(item: WxrItem): Promise<string>;
  /** The `<link>` WordPress gives this item (what `item` writes), without writing it. */
  linkOf(item: WxrItem): string;
  /** Closes the channel and the stream; resolves when everything is flushed. */
  end(): Promise<void>;
}

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `wxr_cdata`. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(XML_INVALID, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '').replace(/&/g, '&#038;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** RSS date, as `mysql2date( 'D, d M Y H:i:s +0000', … )` writes it. */
function rssDate(d: Date): string {
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/**
 * Local time as WordPress computes post_date. Deliberately not src/domain/text/zonedTime: the
 * export is the oracle the importer is checked against, so it must not share the product's code.
 */
function localClock(timeZone: string): (d: Date) => LocalParts {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (d) => {
    const p = Object.fromEntries(format.formatToParts(d).map((x) => [x.type, x.value]));
    return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
  };
}

/** MySQL datetime text, as post_date (local) and post_date_gmt (UTC) are exported. */
function mysqlDate(p: LocalParts): string {
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

function utcParts(d: Date): LocalParts {
  return {
    year: String(d.getUTCFullYear()),
    month: two(d.getUTCMonth() + 1),
    day: two(d.getUTCDate()),
    hour: two(d.getUTCHours()),
    minute: two(d.getUTCMinutes()),
    second: two(d.getUTCSeconds()),
  };
}

/** WordPress's author nicename for a login (`sanitize_title( $user_login )` for plain logins). */
export function authorNicename(login: string): string {
  return login.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
}

const NEVER_PUBLISHED = new Set<WxrStatus>(['draft', 'pending', 'future']);

/**
 * Starts an export on `out` and writes its header.
 *
 * @example
 * const w = await createWxrWriter(createWriteStream('export.xml'), site, { authors, categories, tags });
 * await w.item({ id: 1, type: 'post', title: 'خبر', slug: wpSanitizeTitle('خبر'), … });
 * await w.end();
 */
export async function createWxrWriter(out: Writable, site: WxrSite, contents: WxrContents): Promise<WxrWriter> {
  const local = localClock(site.timeZone);
  const home = site.url.replace(/\/+$/, '');
  const trailing = site.permalinkStructure.endsWith('/');
  const categories = new Map(contents.categories.map((c) => [c.slug, c]));
  const version = site.wordpressVersion ?? '6.6.2';
  // Links of posts and pages written so far: attachment pages and child pages hang under them.
  const links = new Map<number, { link: string; type: WxrItem['type']; slug: string; parent: number }>();

  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };

  const categoryPath = (slugs: string[] | undefined): string => {
    const known = (slugs ?? []).map((s) => categories.get(s)).filter((c): c is WxrCategory => c !== undefined);
    if (known.length === 0) return 'uncategorized';
    // get_permalink takes the category with the lowest term id, with its parents before it.
    let c: WxrCategory | undefined = known.reduce((a, b) => (b.termId < a.termId ? b : a));
    const path: string[] = [];
    const seen = new Set<string>();
    while (c && !seen.has(c.slug)) {
      seen.add(c.slug);
      path.unshift(c.slug);
      c = c.parent ? categories.get(c.parent) : undefined;
    }
    return path.join('/');
  };

  const pagePath = (item: WxrItem): string => {
    const parts = [item.slug];
    let parent = links.get(item.parent ?? 0);
    while (parent && parent.type === 'page') {
      parts.unshift(parent.slug);
      parent = links.get(parent.parent);
    }
    return parts.join('/');
  };

  const linkOf = (item: WxrItem): string => {
    if (item.type === 'page') {
      if (NEVER_PUBLISHED.has(item.status) || !item.slug) return `${home}/?page_id=${item.id}`;
      return `${home}/${pagePath(item)}/`;
    }
    if (item.type === 'attachment') {
      const parent = links.get(item.parent ?? 0);
      if (parent && !parent.link.includes('?')) {
        const name = /^\d+$/.test(item.slug) || site.permalinkStructure.includes('%category%') ? `attachment/${item.slug}` : item.slug;
        return `${parent.link.replace(/\/?$/, '/')}${name}${trailing ? '/' : ''}`;
      }
      if (!parent && item.slug) return `${home}/${item.slug}${trailing ? '/' : ''}`;
      return `${home}/?attachment_id=${item.id}`;
    }
    if (NEVER_PUBLISHED.has(item.status) || !item.slug) return `${home}/?p=${item.id}`;
    const p = local(item.date);
    const values: Record<string, string> = {
      '%year%': p.year,
      '%monthnum%': p.month,
      '%day%': p.day,
      '%hour%': p.hour,
      '%minute%': p.minute,
      '%second%': p.second,
      '%post_id%': String(item.id),
      '%postname%': item.slug,
      '%category%': categoryPath(item.categories),
      '%author%': authorNicename(item.author),
    };
    return home + site.permalinkStructure.replace(/%[a-z_]+%/g, (tag) => values[tag] ?? tag);
  };

  const guidOf = (item: WxrItem): string =>
    item.type === 'attachment' && item.attachmentUrl ? item.attachmentUrl : `${home}/?${item.type === 'page' ? 'page_id' : 'p'}=${item.id}`;

  const authors = contents.authors
    .map(
      (a) =>
        `\t<wp:author><wp:author_id>${a.id}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(a.email)}</wp:author_email><wp:author_display_name>${cdata(a.displayName)}</wp:author_display_name><wp:author_first_name>${cdata(a.firstName ?? '')}</wp:author_first_name><wp:author_last_name>${cdata(a.lastName ?? '')}</wp:author_last_name></wp:author>\n`,
    )
    .join('');
  const cats = contents.categories
    .map(
      (c) =>
        `\t<wp:category>\n\t\t<wp:term_id>${c.termId}</wp:term_id>\n\t\t<wp:category_nicename>${cdata(c.slug)}</wp:category_nicename>\n\t\t<wp:category_parent>${cdata(c.parent ?? '')}</wp:category_parent>\n\t\t<wp:cat_name>${cdata(c.name)}</wp:cat_name>\n` +
        (c.description ? `\t\t<wp:category_description>${cdata(c.description)}</wp:category_description>\n` : '') +
        `\t</wp:category>\n`,
    )
    .join('');
  const tags = contents.tags
    .map(
      (t) =>
        `\t<wp:tag>\n\t\t<wp:term_id>${t.termId}</wp:term_id>\n\t\t<wp:tag_slug>${cdata(t.slug)}</wp:tag_slug>\n\t\t<wp:tag_name>${cdata(t.name)}</wp:tag_name>\n` +
        (t.description ? `\t\t<wp:tag_description>${cdata(t.description)}</wp:tag_description>\n` : '') +
        `\t</wp:tag>\n`,
    )
    .join('');
  const created = utcParts(site.created);

  await write(
    `<?xml version="1.0" encoding="UTF-8" ?>
<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->
<!-- It contains information about your site's posts, pages, comments, categories, and other content. -->
<!-- You may use this file to transfer that content from one site to another. -->
<!-- This file is not intended to serve as a complete backup of your site. -->

<!-- To import this information into a WordPress site follow these steps: -->
<!-- 1. Log in to that site as an administrator. -->
<!-- 2. Go to Tools: Import in the WordPress admin panel. -->
<!-- 3. Install the "WordPress" importer from the list. -->
<!-- 4. Activate & Run Importer. -->
<!-- 5. Upload this file using the form provided on that page. -->
<!-- 6. You will first be asked to map the authors in this export file to users -->
<!--    on the site. For each author, you may choose to map to an -->
<!--    existing user on the site or to create a new user. -->
<!-- 7. WordPress will then import each of the posts, pages, comments, categories, etc. -->
<!--    contained in this file into your site. -->

<!-- generator="WordPress/${version}" created="${created.year}-${created.month}-${created.day} ${created.hour}:${created.minute}" -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>

<channel>
	<title>${escapeXml(site.title)}</title>
	<link>${escapeXml(home)}</link>
	<description>${escapeXml(site.description)}</description>
	<pubDate>${rssDate(site.created)}</pubDate>
	<language>${escapeXml(site.language)}</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>${escapeXml(home)}</wp:base_site_url>
	<wp:base_blog_url>${escapeXml(home)}</wp:base_blog_url>

${authors}
${cats}${tags}
	<generator>https://wordpress.org/?v=${version}</generator>

`,
  );

  const categoryNames = new Map(contents.categories.map((c) => [c.slug, c.name]));
  const tagNames = new Map(contents.tags.map((t) => [t.slug, t.name]));

  const comment = (c: WxrComment): string => {
    const d = local(c.date);
    return `\t\t<wp:comment>
\t\t\t<wp:comment_id>${c.id}</wp:comment_id>
\t\t\t<wp:comment_author>${cdata(c.author)}</wp:comment_author>
\t\t\t<wp:comment_author_email>${cdata(c.authorEmail)}</wp:comment_author_email>
\t\t\t<wp:comment_author_url>${escapeXml(c.authorUrl)}</wp:comment_author_url>
\t\t\t<wp:comment_author_IP>${cdata(c.authorIp)}</wp:comment_author_IP>
\t\t\t<wp:comment_date>${cdata(mysqlDate(d))}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>${cdata(mysqlDate(utcParts(c.date)))}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${cdata(c.content)}</wp:comment_content>
\t\t\t<wp:comment_approved>${cdata(c.approved)}</wp:comment_approved>
\t\t\t<wp:comment_type>${cdata(c.type)}</wp:comment_type>
\t\t\t<wp:comment_parent>${c.parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>${c.userId}</wp:comment_user_id>
\t\t</wp:comment>
`;
  };

  return {
    linkOf,
    async item(item) {
      const link = linkOf(item);
      if (item.type !== 'attachment') links.set(item.id, { link, type: item.type, slug: item.slug, parent: item.parent ?? 0 });
      // Never-published posts carry a zero GMT date, and WordPress prints it as year -0001.
      const unpublished = item.status === 'draft' || item.status === 'pending';
      const modified = item.modified ?? item.date;
      const terms =
        (item.categories ?? []).map((s) => `\t\t<category domain="category" nicename="${escapeXml(s)}">${cdata(categoryNames.get(s) ?? s)}</category>\n`).join('') +
        (item.tags ?? []).map((s) => `\t\t<category domain="post_tag" nicename="${escapeXml(s)}">${cdata(tagNames.get(s) ?? s)}</category>\n`).join('');
      const meta = (item.meta ?? [])
        .map(([k, v]) => `\t\t<wp:postmeta>\n\t\t<wp:meta_key>${cdata(k)}</wp:meta_key>\n\t\t<wp:meta_value>${cdata(v)}</wp:meta_value>\n\t\t</wp:postmeta>\n`)
        .join('');
      await write(
        `\t<item>
\t\t<title>${cdata(item.title)}</title>
\t\t<link>${escapeXml(link)}</link>
\t\t<pubDate>${unpublished ? 'Mon, 30 Nov -0001 00:00:00 +0000' : rssDate(item.date)}</pubDate>
\t\t<dc:creator>${cdata(item.author)}</dc:creator>
\t\t<guid isPermaLink="false">${escapeXml(guidOf(item))}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(item.content)}</content:encoded>
\t\t<excerpt:encoded>${cdata(item.excerpt ?? '')}</excerpt:encoded>
\t\t<wp:post_id>${item.id}</wp:post_id>
\t\t<wp:post_date>${cdata(mysqlDate(local(item.date)))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(unpublished ? '0000-00-00 00:00:00' : mysqlDate(utcParts(item.date)))}</wp:post_date_gmt>
\t\t<wp:post_modified>${cdata(mysqlDate(local(modified)))}</wp:post_modified>
\t\t<wp:post_modified_gmt>${cdata(mysqlDate(utcParts(modified)))}</wp:post_modified_gmt>
\t\t<wp:comment_status>${cdata(item.commentStatus ?? 'open')}</wp:comment_status>
\t\t<wp:ping_status>${cdata(item.type === 'attachment' ? 'closed' : 'open')}</wp:ping_status>
\t\t<wp:post_name>${cdata(item.slug)}</wp:post_name>
\t\t<wp:status>${cdata(item.status)}</wp:status>
\t\t<wp:post_parent>${item.parent ?? 0}</wp:post_parent>
\t\t<wp:menu_order>${item.menuOrder ?? 0}</wp:menu_order>
\t\t<wp:post_type>${cdata(item.type)}</wp:post_type>
\t\t<wp:post_password>${cdata(item.password ?? '')}</wp:post_password>
\t\t<wp:is_sticky>${item.sticky ? 1 : 0}</wp:is_sticky>
` +
          (item.type === 'attachment' ? `\t\t<wp:attachment_url>${cdata(item.attachmentUrl ?? '')}</wp:attachment_url>\n` : '') +
          terms +
          meta +
          (item.comments ?? []).map(comment).join('') +
          `\t</item>\n`,
      );
      return link;
    },
    async end() {
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        out.end('</channel>\n</rss>\n', resolve);
      });
    },
  };
}

/** PHP `serialize()` of strings, integers and nested arrays (WordPress stores attachment metadata this way). */
export function phpSerialize(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value)) return `i:${value};`;
  if (typeof value === 'string') return `s:${Buffer.byteLength(value, 'utf8')}:"${value}";`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `a:${entries.length}:{${entries.map(([k, v]) => (/^\d+$/.test(k) ? `i:${k};` : phpSerialize(k)) + phpSerialize(v)).join('')}}`;
  }
  throw new Error(`phpSerialize: unsupported value ${String(value)}`);
}
