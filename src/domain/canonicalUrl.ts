/** Longest canonical URL kept (longer ones are dropped as not a URL anyone typed). */
const MAX_LENGTH = 2000;

/**
 * An article's canonical URL as given (an imported Yoast `_yoast_wpseo_canonical`): kept only when
 * it is an absolute http(s) URL without credentials; anything else (`javascript:`, relative
 * paths, `//host`, text) gives null so the caller drops and reports it.
 *
 * @example httpCanonicalUrl('https://partner.example/قصة') // 'https://partner.example/%D9%82%D8%B5%D8%A9'
 * @example httpCanonicalUrl('javascript:alert(1)') // null
 */
export function httpCanonicalUrl(raw: string): string | null {
  const text = raw.trim();
  if (text === '' || text.length > MAX_LENGTH || !/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}
