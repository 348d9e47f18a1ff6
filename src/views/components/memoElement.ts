import { Fragment, h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

const cache = new WeakMap<object, Map<string, string>>();

/**
 * Renders `vnode()`'s children once per (`anchor` object, `key`) and returns the same root element
 * with that HTML inside: identical markup, rendered once. `anchor` is a view object that lives as
 * long as its content is current (views are rebuilt when content changes); `key` must name every
 * other input of the component.
 */
export function memoElement(anchor: object, key: string, vnode: () => VNode): VNode {
  let byKey = cache.get(anchor);
  if (!byKey) {
    byKey = new Map();
    cache.set(anchor, byKey);
  }
  const element = vnode();
  const { children, ...props } = element.props as Record<string, unknown> & { children?: unknown };
  let html = byKey.get(key);
  if (html === undefined) {
    html = renderToString(h(Fragment, null, children as VNode));
    if (byKey.size > 50) byKey.clear();
    byKey.set(key, html);
  }
  return h(element.type as string, { ...props, dangerouslySetInnerHTML: { __html: html } }) as VNode;
}
