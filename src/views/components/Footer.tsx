import type { SiteView, SocialLinkView } from '../models.js';
import { FollowBlock } from './FollowBlock.js';

const networkNames: Record<SocialLinkView['network'], string> = {
  facebook: 'فيسبوك',
  x: 'إكس',
  instagram: 'إنستغرام',
  youtube: 'يوتيوب',
  telegram: 'تيليغرام',
  tiktok: 'تيك توك',
  whatsapp: 'واتساب',
};

/** The year shown after ©, taken from the site's "today" so rendering never reads the clock. */
function yearOf(site: SiteView): string {
  return site.today.iso.slice(0, 4);
}

/** Section links, the site's own pages, social accounts, the follow block and the copyright line. */
export function Footer({ site }: { site: SiteView }) {
  return <footer class="site-footer">{FooterContent({ site })}</footer>;
}

/** What is inside the footer element (rendered once per input by MemoFooter). */
export function FooterContent({ site }: { site: SiteView }) {
  return (
    <>
      <div class="footer-columns">
        {site.nav.length > 0 && (
          <nav class="footer-nav" aria-label="أقسام الموقع">
            <ul>
              {site.nav.map((item) => (
                <li key={item.slug}>
                  <a href={item.href}>{item.name}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {site.footerPages.length > 0 && (
          <nav class="footer-pages" aria-label="عن الموقع">
            <ul>
              {site.footerPages.map((page) => (
                <li key={page.href}>
                  <a href={page.href}>{page.name}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {site.social.length > 0 && (
          <nav class="footer-social" aria-label="حساباتنا على الشبكات الاجتماعية">
            <ul>
              {site.social.map((link) => (
                <li key={link.network}>
                  <a class={`social-${link.network}`} href={link.href} rel="noopener" target="_blank">
                    {networkNames[link.network]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <FollowBlock siteName={site.name} follow={site.follow} />
      </div>
      <p class="copyright">
        © {yearOf(site)} {site.name}
      </p>
    </>
  );
}
