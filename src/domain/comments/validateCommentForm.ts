import { commentLimits } from '../comment.js';
import { stripInvisibles } from '../text/normalize.js';

/** The form's fields, with WordPress's names. */
export type CommentField = 'author' | 'email' | 'url' | 'comment' | 'comment_parent' | 'form';

/** What the reader typed, as received. */
export interface CommentFormInput {
  author?: unknown;
  email?: unknown;
  url?: unknown;
  comment?: unknown;
  comment_parent?: unknown;
}

export interface CleanCommentForm {
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  text: string;
  parentId: number | null;
}

export type CommentFieldErrors = Partial<Record<CommentField, string>>;

/** Domain labels never contain a dot, so the match cannot backtrack (checked with recheck). */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@(?:[^\s@<>()[\]\\,;:".]+\.)+[^\s@<>()[\]\\,;:".]{2,}$/u;

/** A form field as text: control characters other than tab and newlines dropped (NUL cannot even be stored in PostgreSQL). */
function text(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '') : '';
}

/** A name as shown: no bidi controls or zero-width characters (they reorder or hide text), spaces collapsed. */
export function cleanName(value: string): string {
  return stripInvisibles(value.normalize('NFC')).replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/gu, ' ').trim();
}

/**
 * A website as a safe absolute http(s) URL: a bare domain gets `https://`; anything else
 * (`javascript:`, `data:`, no host) is refused.
 */
export function cleanWebsite(value: string): string | null | undefined {
  const raw = stripInvisibles(value).trim();
  if (raw === '') return null;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw.replace(/^\/+/, '')}`;
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (!url.hostname.includes('.') || url.username || url.password) return undefined;
    return url.toString();
  } catch {
    return undefined;
  }
}

/**
 * Checks the comment form the way WordPress does (required name, email and comment; its length
 * limits) and returns clean values, or Arabic messages per field.
 */
export function validateCommentForm(input: CommentFormInput): { ok: true; value: CleanCommentForm } | { ok: false; errors: CommentFieldErrors } {
  const errors: CommentFieldErrors = {};
  const authorName = cleanName(text(input.author));
  if (authorName === '') errors.author = 'الرجاء كتابة اسمك.';
  else if ([...authorName].length > commentLimits.authorName) errors.author = `الاسم أطول من المسموح (${commentLimits.authorName} حرفاً).`;

  const authorEmail = stripInvisibles(text(input.email)).trim().toLowerCase();
  if (authorEmail === '') errors.email = 'الرجاء كتابة بريدك الإلكتروني.';
  else if ([...authorEmail].length > commentLimits.authorEmail) errors.email = `البريد الإلكتروني أطول من المسموح (${commentLimits.authorEmail} حرفاً).`;
  else if (!EMAIL.test(authorEmail)) errors.email = 'البريد الإلكتروني غير صالح، مثال صحيح: name@example.ma';

  const rawUrl = text(input.url);
  let authorUrl: string | null = null;
  if ([...rawUrl.trim()].length > commentLimits.authorUrl) errors.url = `عنوان الموقع أطول من المسموح (${commentLimits.authorUrl} حرفاً).`;
  else {
    const cleaned = cleanWebsite(rawUrl);
    if (cleaned === undefined) errors.url = 'عنوان الموقع غير صالح؛ اكتبه كاملاً، مثل https://example.ma';
    else if (cleaned !== null && [...cleaned].length > commentLimits.authorUrl) errors.url = `عنوان الموقع أطول من المسموح (${commentLimits.authorUrl} حرفاً).`;
    else authorUrl = cleaned;
  }

  const body = text(input.comment).replace(/\r\n?/g, '\n');
  if (stripInvisibles(body).trim() === '') errors.comment = 'الرجاء كتابة تعليقك.';
  else if (Buffer.byteLength(body, 'utf8') > commentLimits.bodyBytes) errors.comment = 'التعليق أطول من المسموح (65,525 بايت، نحو 30,000 حرف عربي).';

  const parentRaw = text(input.comment_parent).trim();
  let parentId: number | null = null;
  if (parentRaw !== '' && parentRaw !== '0') {
    if (!/^\d{1,10}$/.test(parentRaw)) errors.comment_parent = 'التعليق الذي تردّ عليه غير موجود.';
    else parentId = Number(parentRaw);
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { authorName, authorEmail, authorUrl, text: body.trim(), parentId } };
}
