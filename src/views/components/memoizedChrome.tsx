import type { SiteView } from '../models.js';
import { FooterContent } from './Footer.js';
import { HeaderContent } from './Header.js';
import { memoElement } from './memoElement.js';

/**
 * The masthead and the footer are the same on every page of a site for a day; rendering them is a
 * good part of a page's cost. They are rendered once per distinct input (`memoElement`); keys hold
 * every input of the component, so a change of name, date, navigation or links renders anew.
 */
export function MemoHeader({ site }: { site: SiteView }) {
  // The navigation is the anchor (views are immutable: a new navigation is a new array).
  const key = [site.name, site.tagline, site.logoUrl, site.today.text, site.today.iso, site.searchEnabled === true].join('\u0001');
  return memoElement(site.nav, key, 'header', { class: 'site-header' }, () => HeaderContent({ site }));
}

export function MemoFooter({ site }: { site: SiteView }) {
  const key = [
    site.name,
    site.today.iso.slice(0, 4),
    site.follow.whatsapp,
    site.follow.googleNews,
    ...site.social.map((l) => l.href),
    ...site.footerPages.map((p) => `${p.href} ${p.name}`),
  ].join('\u0001');
  return memoElement(site.nav, key, 'footer', { class: 'site-footer' }, () => FooterContent({ site }));
}
