import { parseEmbedUrl, type EmbedProvider, type EmbedTarget } from './embedUrl.js';

/** The origins an embed's frame may load from: the reading pages' CSP `frame-src` lists exactly these. */
export const EMBED_FRAME_ORIGINS = ['https://www.youtube-nocookie.com', 'https://platform.twitter.com', 'https://www.instagram.com', 'https://www.facebook.com'] as const;

/** Provider names as readers of an Arabic site know them. */
export const EMBED_PROVIDER_NAMES: Readonly<Record<EmbedProvider, string>> = {
  youtube: 'يوتيوب',
  x: 'إكس (تويتر)',
  instagram: 'إنستغرام',
  facebook: 'فيسبوك',
};

/**
 * The frame URL that shows a post once a reader asks for it: YouTube's privacy-enhanced player,
 * X's tweet frame, Instagram's and Facebook's embed pages. Null for a URL that is not a post of a
 * known provider.
 *
 * @example embedFrameUrl(parseEmbedUrl('https://youtu.be/dQw4w9WgXcQ')!) // 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1'
 */
export function embedFrameUrl(target: EmbedTarget): string | null {
  const url = new URL(target.url);
  switch (target.provider) {
    case 'youtube': {
      const id = url.searchParams.get('v');
      return id ? `https://www.youtube-nocookie.com/embed/${id}?autoplay=1` : null;
    }
    case 'x': {
      const id = url.pathname.split('/')[3];
      return id ? `https://platform.twitter.com/embed/Tweet.html?id=${id}&lang=ar` : null;
    }
    case 'instagram':
      return `https://www.instagram.com${url.pathname.replace(/\/?$/, '/')}embed/`;
    case 'facebook': {
      const kind = /\/videos\/|^\/watch|^\/reel|fb\.watch/.test(url.pathname + url.hostname) ? 'video' : 'post';
      return `https://www.facebook.com/plugins/${kind}.php?href=${encodeURIComponent(target.url)}&show_text=true`;
    }
  }
}

/** Parses an embed block's stored URL into its provider, canonical URL and frame URL; null when any is unknown. */
export function embedOf(storedUrl: string): (EmbedTarget & { frameUrl: string }) | null {
  const target = parseEmbedUrl(storedUrl);
  if (!target) return null;
  const frameUrl = embedFrameUrl(target);
  return frameUrl ? { ...target, frameUrl } : null;
}
