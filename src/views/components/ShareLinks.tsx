import type { ShareLinkView } from '../models.js';
import { memoElement } from './memoElement.js';

export interface ShareLinksProps {
  links: ShareLinkView[];
  /** The article's canonical URL, offered as a plain "copy link" target that works without JS. */
  canonical: string;
}

/** "شارك المقال": one plain link per network, then the article's own link to copy. */
export function ShareLinks({ links, canonical }: ShareLinksProps) {
  return memoElement(links, canonical, 'section', { class: 'share', 'aria-labelledby': 'share-heading' }, () => (
    <>
      <h2 id="share-heading">شارك المقال</h2>
      <ul>
        {links.map((link) => (
          <li key={link.network}>
            <a class={`share-${link.network}`} href={link.href} rel="noopener" target="_blank">
              {link.label}
            </a>
          </li>
        ))}
        <li>
          <a class="share-copy" href={canonical}>
            نسخ الرابط
          </a>
        </li>
      </ul>
    </>
  ));
}
