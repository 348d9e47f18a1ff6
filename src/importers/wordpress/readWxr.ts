import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { detached } from '../../domain/text/detached.js';
import { AppError } from '../../errors/AppError.js';
import { WP_NAMESPACE, type WxrNamespaces, type WxrNode } from './WxrNode.js';

/** A record of the export: a channel-level author, category, tag or term block, or an item. */
export interface WxrRecord {
  kind: 'author' | 'category' | 'tag' | 'term' | 'item';
  node: WxrNode;
  /** Line of the record's opening tag (1-based), for reports. */
  line: number;
}

/** What the channel says about the site (read before its records in WordPress's exports). */
export interface WxrChannel {
  title: string | null;
  link: string | null;
  baseSiteUrl: string | null;
  baseBlogUrl: string | null;
  /** `wp:wxr_version`; null when the file has none. */
  version: string | null;
  namespaces: WxrNamespaces;
}

const RECORDS: Record<string, WxrRecord['kind'] | undefined> = { author: 'author', category: 'category', tag: 'tag', term: 'term' };

/** Highest WordPress export namespace among a root element's declarations. */
function pickWpNamespace(declared: Record<string, string>): string | null {
  let best: { uri: string; version: number } | null = null;
  for (const uri of Object.values(declared)) {
    const m = WP_NAMESPACE.exec(uri);
    if (m && (!best || Number(m[1]) > best.version)) best = { uri, version: Number(m[1]) };
  }
  return best?.uri ?? null;
}

/**
 * Reads a WXR file as a stream of records (constant memory: one record at a time), with saxes,
 * namespace-aware: elements are recognised by namespace URI, so any prefix works and look-alike
 * elements in other namespaces (a rebound `wp:` prefix) are ignored. A fault in the XML throws
 * `WXR_MALFORMED` with its line and column; records before the fault have been yielded by then,
 * so callers that must not write anything from a broken file check it first (checkWxr).
 *
 * @example for await (const record of readWxr('export.xml', channel)) console.log(record.kind)
 */
export async function* readWxr(file: string, channel: WxrChannel = emptyChannel()): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const out: WxrRecord[] = [];
  // Open elements: the record being built lives from depth 3 (rss > channel > record) down.
  const stack: Array<WxrNode | null> = [];
  let record: { kind: WxrRecord['kind']; line: number } | null = null;
  let channelField: WxrNode | null = null;
  let sawRss = false;

  // Namespace URIs and attribute values are slices of the input chunk too: the few URIs are
  // copied once (every node and the channel keep one), attribute values as they are read.
  const uris = new Map<string, string>();
  const uriOf = (uri: string): string => {
    let copy = uris.get(uri);
    if (copy === undefined) uris.set(uri, (copy = detached(uri)));
    return copy;
  };

  parser.on('opentag', (tag: SaxesTagNS) => {
    const depth = stack.length + 1;
    if (depth === 1) {
      if (tag.local !== 'rss') throw new AppError('WXR_INVALID', `not a WordPress export: the root element is <${tag.name}>, not <rss>`);
      sawRss = true;
      const wp = pickWpNamespace(tag.ns);
      if (wp) channel.namespaces.wp = uriOf(wp);
      stack.push(null);
      return;
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) if (a.prefix !== 'xmlns' && a.name !== 'xmlns') attrs[a.local] = detached(a.value);
    const node: WxrNode = { uri: uriOf(tag.uri), name: tag.local, attrs, text: '', children: [] };
    if (depth === 3 && record === null) {
      if (channel.namespaces.wp === '' && WP_NAMESPACE.test(tag.uri)) channel.namespaces.wp = node.uri;
      const kind = tag.uri === '' && tag.local === 'item' ? 'item' : tag.uri === channel.namespaces.wp ? RECORDS[tag.local] : undefined;
      if (kind) record = { kind, line: parser.line };
      else channelField = node;
      stack.push(node);
      return;
    }
    const parent = stack[stack.length - 1];
    if (parent && (record !== null || channelField !== null)) parent.children.push(node);
    stack.push(depth > 3 ? node : depth === 2 ? null : node);
  });
  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const node = stack.pop();
    // saxes hands out slices of its 1 MB input chunk: an id or URL kept until the end of the import
    // (attachments, redirects, the report) would pin its whole chunk, and memory grew with the file.
    if (node && node.text !== '') node.text = detached(node.text);
    if (stack.length === 2 && node) {
      if (record) {
        out.push({ kind: record.kind, node, line: record.line });
        record = null;
      } else if (channelField) {
        readChannelField(channel, node);
        channelField = null;
      }
    }
  });

  const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of input) {
      write(parser, chunk as string);
      if (out.length > 0) yield* out.splice(0, out.length);
    }
    try {
      parser.close();
    } catch (error) {
      throw malformed(parser, error);
    }
    yield* out.splice(0, out.length);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('INVALID_INPUT', `no such file: ${file}`);
    throw error;
  } finally {
    input.destroy();
  }
  if (!sawRss) throw new AppError('WXR_INVALID', 'not a WordPress export: the file has no <rss> element');
}

function write(parser: SaxesParser<{ xmlns: true; position: true }>, chunk: string): void {
  try {
    parser.write(chunk);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw malformed(parser, error);
  }
}

/** saxes reports "file:line:column: message"; we keep the message and say where. */
function malformed(parser: SaxesParser<{ xmlns: true; position: true }>, error: unknown): AppError {
  const raw = (error as Error).message ?? String(error);
  const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(raw);
  const line = m ? Number(m[1]) : parser.line;
  const column = m ? Number(m[2]) : parser.column;
  const message = (m ? m[3]! : raw).split('\n')[0]!;
  return new AppError('WXR_MALFORMED', `the file is not well-formed XML at line ${line}, column ${column}: ${message}`, { line, column });
}

export function emptyChannel(): WxrChannel {
  return { title: null, link: null, baseSiteUrl: null, baseBlogUrl: null, version: null, namespaces: { wp: '' } };
}

function readChannelField(channel: WxrChannel, node: WxrNode): void {
  const text = node.text.trim();
  if (node.uri === '') {
    if (node.name === 'title') channel.title = text;
    else if (node.name === 'link') channel.link = text;
    return;
  }
  if (channel.namespaces.wp === '' && WP_NAMESPACE.test(node.uri)) channel.namespaces.wp = node.uri;
  if (node.uri !== channel.namespaces.wp) return;
  if (node.name === 'wxr_version') channel.version = text;
  else if (node.name === 'base_site_url') channel.baseSiteUrl = text;
  else if (node.name === 'base_blog_url') channel.baseBlogUrl = text;
}
