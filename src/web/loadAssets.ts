import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assetsDir, packageRoot } from '../paths.js';

export interface StaticAsset {
  body: Buffer;
  type: string;
  etag: string;
  /** Fingerprinted or versioned: cacheable for a year. */
  immutable: boolean;
}

export interface Assets {
  stylesheetHref: string;
  /** The click-to-load embeds script, loaded only by pages with an embed block. */
  embedsScriptHref: string;
  /** Fingerprinted URL path → file; served with a one-year immutable cache. */
  files: ReadonlyMap<string, StaticAsset>;
}

/** The site icon (a path of its own: browsers and crawlers ask for it without reading the page). */
export const FAVICON_PATH = '/assets/favicon.svg';

const FONT_PACKAGES = ['@fontsource/noto-naskh-arabic', '@fontsource/noto-kufi-arabic'];

function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/**
 * Reads the stylesheet and the self-hosted Arabic fonts once at start-up. The stylesheet URL
 * carries a content hash, so it can be cached forever; fonts are versioned by their package.
 */
export function loadAssets(): Assets {
  const files = new Map<string, StaticAsset>();
  const css = readFileSync(path.join(assetsDir, 'css', 'site.css'));
  const cssEtag = etagOf(css);
  const stylesheetHref = `/assets/site.${cssEtag.slice(1, 11)}.css`;
  files.set(stylesheetHref, { body: css, type: 'text/css; charset=utf-8', etag: cssEtag, immutable: true });
  const embeds = readFileSync(path.join(assetsDir, 'js', 'embeds.js'));
  const embedsEtag = etagOf(embeds);
  const embedsScriptHref = `/assets/embeds.${embedsEtag.slice(1, 11)}.js`;
  files.set(embedsScriptHref, { body: embeds, type: 'text/javascript; charset=utf-8', etag: embedsEtag, immutable: true });
  const icon = readFileSync(path.join(assetsDir, 'favicon.svg'));
  files.set(FAVICON_PATH, { body: icon, type: 'image/svg+xml', etag: etagOf(icon), immutable: false });
  for (const pkg of FONT_PACKAGES) {
    const dir = path.join(packageRoot, 'node_modules', ...pkg.split('/'), 'files');
    for (const name of readdirSync(dir)) {
      // Only the subsets the stylesheet declares: Arabic and basic Latin, woff2.
      if (!/-(arabic|latin)-(400|700)-normal\.woff2$/.test(name)) continue;
      const body = readFileSync(path.join(dir, name));
      files.set(`/assets/fonts/${name}`, { body, type: 'font/woff2', etag: etagOf(body), immutable: true });
    }
  }
  return { stylesheetHref, embedsScriptHref, files };
}
