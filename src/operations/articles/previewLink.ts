import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../domain/access.js';
import type { Article } from '../../domain/article.js';
import { AppError } from '../../errors/AppError.js';
import type { Store } from '../../store/ports.js';
import type { ArticleDeps } from './ArticleDeps.js';
import { getArticle } from './getArticle.js';

const SECRET = 'preview-links';
export const PREVIEW_DEFAULT_MINUTES = 24 * 60;
const PREVIEW_MAX_MINUTES = 7 * 24 * 60;

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * A signed link that shows an unpublished article to whoever holds it, until it expires (default
 * 24 h, at most 7 days): `/preview/<articleId>.<expiresMs>.<hmac>`. Anyone who may read the article
 * in the newsroom may make one.
 */
export async function previewLink(deps: ArticleDeps, actor: Actor, articleId: unknown, input: { minutes?: unknown } = {}): Promise<{ url: string; path: string; expiresAt: string }> {
  const { article } = await getArticle(deps, actor, articleId);
  const minutes = input.minutes === undefined ? PREVIEW_DEFAULT_MINUTES : Number(input.minutes);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > PREVIEW_MAX_MINUTES) {
    throw new AppError('INVALID_INPUT', `minutes must be a whole number from 1 to ${PREVIEW_MAX_MINUTES}`, { field: 'minutes' });
  }
  const expires = deps.now().getTime() + minutes * 60_000;
  const payload = `${article.id}.${expires}`;
  const token = `${payload}.${sign(await deps.store.secrets.get(SECRET), payload)}`;
  const path = `/preview/${token}`;
  return { url: new URL(path, deps.baseUrl).toString(), path, expiresAt: new Date(expires).toISOString() };
}

/** The article a preview token names; PREVIEW_INVALID when forged, expired or gone. */
export async function readPreview(deps: { store: Store; now: () => Date }, token: string): Promise<Article> {
  const match = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) throw new AppError('PREVIEW_INVALID', 'malformed preview token');
  const [, id, expires, mac] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(await deps.store.secrets.get(SECRET), `${id}.${expires}`));
  if (!timingSafeEqual(expected, Buffer.from(mac))) throw new AppError('PREVIEW_INVALID', 'forged preview token');
  if (Number(expires) <= deps.now().getTime()) throw new AppError('PREVIEW_INVALID', 'the preview link expired');
  const article = await deps.store.articles.findById(Number(id));
  if (!article || article.status === 'trash') throw new AppError('PREVIEW_INVALID', 'the article is gone');
  return article;
}
