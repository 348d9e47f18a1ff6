import { z } from 'zod';

const isHttp = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/** An absolute http(s) URL. zod's own `.url()` also takes `javascript:` and `data:` URLs. */
export const httpUrl = z.string().trim().refine(isHttp, 'expected an absolute http(s) URL, e.g. https://example.ma');

/** An absolute http(s) URL, or nothing typed (an empty field): for optional fields of forms. */
export const httpUrlOrEmpty = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => value === '' || isHttp(value), 'expected an absolute http(s) URL, e.g. https://example.ma, or nothing');

/** An image address: an absolute http(s) URL or a path on this site (`/media/…`, not `//host`). */
export const imageUrl = z
  .string()
  .trim()
  .refine((value) => isHttp(value) || /^\/(?![/\\])/.test(value), 'expected an http(s) URL or a path on this site, e.g. /media/logo.png');
