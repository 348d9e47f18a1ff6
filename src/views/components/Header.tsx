import type { SiteView } from '../models.js';
import { SearchForm } from './SearchForm.js';

/**
 * The masthead: site name or logo linking home, tagline, today's date, search, and the section
 * navigation (a single row that scrolls sideways on narrow screens).
 */
export function Header({ site }: { site: SiteView }) {
  return <header class="site-header">{HeaderContent({ site })}</header>;
}

/** What is inside the masthead element (rendered once per input by MemoHeader). */
export function HeaderContent({ site }: { site: SiteView }) {
  return (
    <>
      <div class="masthead">
        <a class="site-logo" href="/" rel="home">
          {site.logoUrl !== null ? (
            <img src={site.logoUrl} alt={site.name} height={40} />
          ) : (
            <span class="site-name">{site.name}</span>
          )}
        </a>
        {site.tagline !== '' && <p class="tagline">{site.tagline}</p>}
        <p class="today">
          <time datetime={site.today.iso}>{site.today.text}</time>
        </p>
        {site.searchEnabled === true && <SearchForm id="site-search-q" />}
      </div>
      {site.nav.length > 0 && (
        <nav class="site-nav" aria-label="الأقسام">
          <ul>
            {site.nav.map((item) => (
              <li key={item.slug}>
                <a href={item.href} aria-current={item.active ? 'page' : undefined}>
                  {item.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}
