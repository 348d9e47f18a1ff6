/** One element of a WXR record as read: its namespace URI, local name, attributes, text and children. */
export interface WxrNode {
  uri: string;
  name: string;
  attrs: Record<string, string>;
  /** Text and CDATA of the element itself, concatenated (children's text excluded). */
  text: string;
  children: WxrNode[];
}

/** The namespaces of a WXR file, resolved by URI (the prefix may be anything: `wp`, `wxr`, …). */
export interface WxrNamespaces {
  /** The document's `http(s)://wordpress.org/export/X.Y/` namespace. */
  wp: string;
}

const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const DC = 'http://purl.org/dc/elements/1.1/';
const EXCERPT = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/$/;
/** WordPress's export namespace, with its version. */
export const WP_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/(\d+\.\d+)\/$/;

/** Which family a namespace URI belongs to (RSS elements have none). */
export function namespaceKind(uri: string, ns: WxrNamespaces): 'wp' | 'content' | 'dc' | 'excerpt' | 'rss' | 'other' {
  if (uri === ns.wp) return 'wp';
  if (uri === '') return 'rss';
  if (uri === CONTENT) return 'content';
  if (uri === DC) return 'dc';
  if (EXCERPT.test(uri)) return 'excerpt';
  return 'other';
}

/** The children of `node` named `name` in the namespace family `kind`. */
export function childrenOf(node: WxrNode, kind: ReturnType<typeof namespaceKind>, name: string, ns: WxrNamespaces): WxrNode[] {
  return node.children.filter((c) => c.name === name && namespaceKind(c.uri, ns) === kind);
}

/** The text of the first such child, or null when absent. */
export function textOf(node: WxrNode, kind: ReturnType<typeof namespaceKind>, name: string, ns: WxrNamespaces): string | null {
  for (const c of node.children) if (c.name === name && namespaceKind(c.uri, ns) === kind) return c.text;
  return null;
}
