import { Fragment, h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { SiteView } from '../models.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';

/**
 * The masthead and the footer are the same on every page of a site for a day; rendering them is a
 * good part of a page's cost. They are rendered once per distinct input and inserted as HTML
 * into their own element (same markup as rendering them in place). Keys hold every input of the
 * component, so a change of name, date, navigation or links renders anew.
 */
const cache = new WeakMap<object, Map<string, string>>();

function memoElement(anchor: object, key: string, vnode: () => VNode<{ children?: unknown }>): VNode {
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

export function MemoHeader({ site }: { site: SiteView }) {
  const key = JSON.stringify([site.name, site.tagline, site.logoUrl, site.today, site.searchEnabled ?? false, site.nav]);
  return memoElement(site.nav, key, () => Header({ site }) as VNode<{ children?: unknown }>);
}

export function MemoFooter({ site }: { site: SiteView }) {
  const key = JSON.stringify([site.name, site.today.iso.slice(0, 4), site.nav, site.footerPages, site.social, site.follow]);
  return memoElement(site.nav, key, () => Footer({ site }) as VNode<{ children?: unknown }>);
}
