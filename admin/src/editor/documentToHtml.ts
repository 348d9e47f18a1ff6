import { getSchema, type JSONContent } from '@tiptap/core';
import type { DOMOutputSpec, Mark, Node as PmNode, Schema } from '@tiptap/pm/model';
import { articleExtensions } from './articleExtensions.js';
import { DIRECTED_BLOCKS } from './BlockDirection.js';
import { isBlockDir, renderedDir } from './textDirection.js';

const VOID = new Set(['img', 'br', 'hr', 'col', 'input']);

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function isAttrs(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function attrsToString(attrs: Record<string, unknown>): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    out += value === true || value === '' ? ` ${name}=""` : ` ${name}="${escapeAttr(String(value))}"`;
  }
  return out;
}

/** A ProseMirror DOMOutputSpec as an HTML string; `hole` renders the content at the `0`. */
function specToHtml(spec: DOMOutputSpec, hole: () => string, extra: Record<string, unknown> = {}): string {
  if (typeof spec === 'string') return escapeText(spec);
  if (!Array.isArray(spec)) throw new Error('documentToHtml: only array output specs are supported');
  const [tagSpec, ...rest] = spec as unknown as [string, ...unknown[]];
  const tag = tagSpec.includes(' ') ? tagSpec.split(' ')[1]! : tagSpec;
  let attrs: Record<string, unknown> = { ...extra };
  let children = rest;
  if (isAttrs(rest[0])) {
    attrs = { ...(rest[0] as Record<string, unknown>), ...extra };
    children = rest.slice(1);
  }
  let inner = '';
  for (const child of children) {
    if (child === 0) inner += hole();
    else inner += specToHtml(child as DOMOutputSpec, hole);
  }
  const open = `<${tag}${attrsToString(attrs)}>`;
  return VOID.has(tag) ? open : `${open}${inner}</${tag}>`;
}

function markToHtml(mark: Mark, inner: string): string {
  const toDOM = mark.type.spec.toDOM;
  if (!toDOM) return inner;
  return specToHtml(toDOM(mark, true), () => inner);
}

function nodeToHtml(node: PmNode): string {
  if (node.isText) {
    let html = escapeText(node.text ?? '');
    for (let i = node.marks.length - 1; i >= 0; i -= 1) html = markToHtml(node.marks[i]!, html);
    return html;
  }
  const toDOM = node.type.spec.toDOM;
  const content = () => {
    let html = '';
    node.forEach((child) => (html += nodeToHtml(child)));
    return html;
  };
  if (!toDOM) return content();
  let extra: Record<string, unknown> = {};
  if ((DIRECTED_BLOCKS as readonly string[]).includes(node.type.name)) {
    const dir = isBlockDir(node.attrs.dir) ? node.attrs.dir : 'auto';
    const rendered = renderedDir(dir, node.textContent);
    extra = dir === 'auto' && rendered !== 'auto' ? { dir: rendered, 'data-dir-auto': '' } : { dir: rendered };
  }
  return specToHtml(toDOM(node), content, extra);
}

let cachedSchema: Schema | null = null;

/** The article schema (built once). */
export function articleSchema(): Schema {
  cachedSchema ??= getSchema(articleExtensions());
  return cachedSchema;
}

/**
 * The article body as HTML, from the editor's document, without a DOM (the same function runs in
 * the browser and in tests): every paragraph and heading carries `dir` (see textDirection.ts),
 * embeds and images are `<figure>` blocks. The server still sanitizes what it stores.
 *
 * @example documentToHtml({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'خبر' }] }] }) // '<p dir="auto">خبر</p>'
 */
export function documentToHtml(doc: JSONContent): string {
  const node = articleSchema().nodeFromJSON(doc);
  let html = '';
  node.forEach((child) => (html += nodeToHtml(child)));
  return html;
}

/** An empty article body. */
export const EMPTY_DOCUMENT: JSONContent = { type: 'doc', content: [{ type: 'paragraph' }] };
