import { childrenOf, textOf, type WxrNamespaces, type WxrNode } from './WxrNode.js';

/** `wp:author`: a WordPress user who wrote in the export. */
export interface WxrAuthor {
  /** `wp:author_id` (WXR 1.1+); null in older exports. */
  wpId: string | null;
  login: string;
  email: string | null;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** `wp:category`, `wp:tag` or `wp:term`: a term with its taxonomy. */
export interface WxrTerm {
  wpId: string | null;
  taxonomy: string;
  /** As exported: percent-encoded for non-ASCII slugs. */
  slug: string;
  name: string;
  /** Parent's slug (categories and hierarchical terms), as exported. */
  parentSlug: string | null;
  description: string | null;
}

export interface WxrMeta {
  key: string;
  value: string;
}

export interface WxrComment {
  wpId: string;
  author: string;
  email: string | null;
  url: string | null;
  ip: string | null;
  dateGmt: string | null;
  date: string | null;
  content: string;
  /** '1', '0', 'spam', 'trash', 'post-trashed', … */
  approved: string;
  /** '' or 'comment', 'pingback', 'trackback'. */
  type: string;
  parentWpId: string | null;
  userId: string | null;
  meta: WxrMeta[];
}

/** What an item is keyed by: its post id, else its GUID, else its link (old exports lack ids). */
export function itemKey(item: Pick<WxrItem, 'wpId' | 'guid' | 'link'>): string | null {
  return item.wpId ?? (item.guid ? `guid:${item.guid}` : item.link ? `link:${item.link}` : null);
}

/** One `<item>`: a post, page, attachment, menu item or another post type. */
export interface WxrItem {
  wpId: string | null;
  title: string;
  link: string | null;
  guid: string | null;
  creator: string | null;
  content: string;
  excerpt: string;
  /** Null when the item has none (it is reported, not guessed). */
  postType: string | null;
  status: string | null;
  postName: string;
  date: string | null;
  dateGmt: string | null;
  modifiedGmt: string | null;
  commentStatus: string | null;
  parentWpId: string | null;
  menuOrder: number;
  password: string;
  isSticky: boolean;
  attachmentUrl: string | null;
  /** Item terms in order: `<category domain="…" nicename="…">name</category>`. */
  terms: Array<{ domain: string; slug: string; name: string }>;
  meta: WxrMeta[];
  comments: WxrComment[];
}

const clean = (s: string | null): string | null => {
  if (s === null) return null;
  const t = s.trim();
  return t === '' ? null : t;
};

function metaOf(node: WxrNode, element: string, ns: WxrNamespaces): WxrMeta[] {
  return childrenOf(node, 'wp', element, ns).map((m) => ({ key: (textOf(m, 'wp', 'meta_key', ns) ?? '').trim(), value: textOf(m, 'wp', 'meta_value', ns) ?? '' }));
}

export function toAuthor(node: WxrNode, ns: WxrNamespaces): WxrAuthor {
  const t = (name: string) => clean(textOf(node, 'wp', name, ns));
  return {
    wpId: t('author_id'),
    login: t('author_login') ?? '',
    email: t('author_email'),
    displayName: t('author_display_name'),
    firstName: t('author_first_name'),
    lastName: t('author_last_name'),
  };
}

/** `wp:category` / `wp:tag` / `wp:term` → one shape. */
export function toTerm(kind: 'category' | 'tag' | 'term', node: WxrNode, ns: WxrNamespaces): WxrTerm {
  const t = (name: string) => clean(textOf(node, 'wp', name, ns));
  if (kind === 'category') {
    return {
      wpId: t('term_id'),
      taxonomy: 'category',
      slug: t('category_nicename') ?? '',
      name: t('cat_name') ?? t('category_nicename') ?? '',
      parentSlug: t('category_parent'),
      description: t('category_description'),
    };
  }
  if (kind === 'tag') {
    return { wpId: t('term_id'), taxonomy: 'post_tag', slug: t('tag_slug') ?? '', name: t('tag_name') ?? t('tag_slug') ?? '', parentSlug: null, description: t('tag_description') };
  }
  return {
    wpId: t('term_id'),
    taxonomy: t('term_taxonomy') ?? '',
    slug: t('term_slug') ?? '',
    name: t('term_name') ?? t('term_slug') ?? '',
    parentSlug: t('term_parent'),
    description: t('term_description'),
  };
}

export function toItem(node: WxrNode, ns: WxrNamespaces): WxrItem {
  const wp = (name: string) => clean(textOf(node, 'wp', name, ns));
  const comments: WxrComment[] = childrenOf(node, 'wp', 'comment', ns).map((c) => {
    const ct = (name: string) => clean(textOf(c, 'wp', name, ns));
    const parent = ct('comment_parent');
    return {
      wpId: ct('comment_id') ?? '',
      author: ct('comment_author') ?? '',
      email: ct('comment_author_email'),
      url: ct('comment_author_url'),
      ip: ct('comment_author_IP'),
      dateGmt: ct('comment_date_gmt'),
      date: ct('comment_date'),
      content: textOf(c, 'wp', 'comment_content', ns) ?? '',
      approved: ct('comment_approved') ?? '1',
      type: ct('comment_type') ?? '',
      parentWpId: parent === null || parent === '0' ? null : parent,
      userId: ct('comment_user_id'),
      meta: metaOf(c, 'commentmeta', ns),
    };
  });
  const parent = wp('post_parent');
  return {
    wpId: wp('post_id'),
    title: (textOf(node, 'rss', 'title', ns) ?? '').trim(),
    link: clean(textOf(node, 'rss', 'link', ns)),
    guid: clean(textOf(node, 'rss', 'guid', ns)),
    creator: clean(textOf(node, 'dc', 'creator', ns)),
    content: textOf(node, 'content', 'encoded', ns) ?? '',
    excerpt: textOf(node, 'excerpt', 'encoded', ns) ?? '',
    postType: wp('post_type'),
    status: wp('status'),
    postName: wp('post_name') ?? '',
    date: wp('post_date'),
    dateGmt: wp('post_date_gmt'),
    modifiedGmt: wp('post_modified_gmt'),
    commentStatus: wp('comment_status'),
    parentWpId: parent === null || parent === '0' ? null : parent,
    menuOrder: Number(wp('menu_order') ?? 0) || 0,
    password: wp('post_password') ?? '',
    isSticky: wp('is_sticky') === '1',
    attachmentUrl: wp('attachment_url'),
    terms: childrenOf(node, 'rss', 'category', ns)
      .filter((c) => c.attrs.domain !== undefined)
      .map((c) => ({ domain: c.attrs.domain!, slug: c.attrs.nicename ?? '', name: c.text.trim() })),
    meta: metaOf(node, 'postmeta', ns),
    comments,
  };
}
