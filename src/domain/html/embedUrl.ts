/** Providers whose post URLs the editor turns into embed blocks (rendered click-to-load on the site). */
export type EmbedProvider = 'youtube' | 'x' | 'instagram' | 'facebook';

export interface EmbedTarget {
  provider: EmbedProvider;
  /** The canonical URL kept in the document. */
  url: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/**
 * Recognizes a YouTube, X (Twitter), Instagram or Facebook post URL; null for anything else.
 *
 * @example parseEmbedUrl('https://youtu.be/dQw4w9WgXcQ') // { provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' }
 */
export function parseEmbedUrl(raw: string): EmbedTarget | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/^(www\.|m\.|mobile\.)/, '');
  const parts = url.pathname.split('/').filter(Boolean);
  if (host === 'youtu.be' || host === 'youtube.com' || host === 'youtube-nocookie.com') {
    let id: string | null = null;
    if (host === 'youtu.be') id = parts[0] ?? null;
    else if (parts[0] === 'watch') id = url.searchParams.get('v');
    else if (parts[0] === 'shorts' || parts[0] === 'embed' || parts[0] === 'live') id = parts[1] ?? null;
    if (!id || !YOUTUBE_ID.test(id)) return null;
    return { provider: 'youtube', url: `https://www.youtube.com/watch?v=${id}` };
  }
  if (host === 'x.com' || host === 'twitter.com') {
    const [user, status, id] = parts;
    if (!user || status !== 'status' || !id || !/^\d{1,25}$/.test(id)) return null;
    return { provider: 'x', url: `https://x.com/${user}/status/${id}` };
  }
  if (host === 'instagram.com') {
    const [kind, id] = parts;
    if (!kind || !['p', 'reel', 'tv'].includes(kind) || !id || !/^[A-Za-z0-9_-]{5,64}$/.test(id)) return null;
    return { provider: 'instagram', url: `https://www.instagram.com/${kind}/${id}/` };
  }
  if (host === 'facebook.com' || host === 'fb.watch') {
    if (parts.length === 0) return null;
    const path = parts.join('/');
    const post = /^[^/]+\/(posts|videos)\/[^/]+$/.test(path) || /^(watch|reel|permalink\.php|story\.php)/.test(path) || host === 'fb.watch';
    if (!post) return null;
    url.hash = '';
    return { provider: 'facebook', url: url.toString() };
  }
  return null;
}
