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
  const key = JSON.stringify([site.name, site.tagline, site.logoUrl, site.today, site.searchEnabled ?? false, site.nav]);
  return memoElement(site.nav, key, 'header', { class: 'site-header' }, () => HeaderContent({ site }));
}

export function MemoFooter({ site }: { site: SiteView }) {
  const key = JSON.stringify([site.name, site.today.iso.slice(0, 4), site.nav, site.footerPages, site.social, site.follow]);
  return memoElement(site.nav, key, 'footer', { class: 'site-footer' }, () => FooterContent({ site }));
}
