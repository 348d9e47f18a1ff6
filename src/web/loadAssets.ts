import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assetsDir } from '../paths.js';

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

function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/**
 * Reads the stylesheet and the self-hosted Arabic fonts once at start-up. The stylesheet URL
 * carries a content hash, so it can be cached forever; the font files (assets/fonts/, subsets cut
 * by `npm run fonts:subset`, decision 019) carry a version in their names.
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
  const fontsDir = path.join(assetsDir, 'fonts');
  for (const name of readdirSync(fontsDir)) {
    if (!name.endsWith('.woff2')) continue;
    const body = readFileSync(path.join(fontsDir, name));
    files.set(`/assets/fonts/${name}`, { body, type: 'font/woff2', etag: etagOf(body), immutable: true });
  }
  return { stylesheetHref, embedsScriptHref, files };
}
