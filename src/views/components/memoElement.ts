import { Fragment, h, type ComponentChildren, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { memoPerObject } from '../../lib/memoPerObject.js';

const rendered = memoPerObject<object, string, string>({ maxPerObject: 50 });

/**
 * `<tag {...props}>children</tag>`, with the children rendered once per (`anchor` object, `key`)
 * and reused as HTML: identical markup, and on a hit the children's tree is not even built.
 * `anchor` is a view object that lives as long as its content is current (views are rebuilt when
 * content changes); `key` must name every other input of the children.
 */
export function memoElement(
  anchor: object,
  key: string,
  tag: string,
  props: Record<string, unknown>,
  children: () => ComponentChildren,
): VNode {
  const html = rendered(anchor, key, () => renderToString(h(Fragment, null, children())));
  return h(tag, { ...props, dangerouslySetInnerHTML: { __html: html } }) as VNode;
}
