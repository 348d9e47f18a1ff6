import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Article, CommentTarget } from '../../domain/article.js';
import { toPublicComment } from '../../domain/comment.js';
import { checkModerationHash, issueFormToken, moderationHash } from '../../domain/comments/commentTokens.js';
import { isAppError } from '../../errors/AppError.js';
import type { CommentDeps } from '../../operations/comments/CommentDeps.js';
import { postComment } from '../../operations/comments/postComment.js';
import { commentPageOf } from '../../operations/comments/readArticleComments.js';
import type { ReadingDeps } from '../../operations/reading/ReadingDeps.js';
import { readFrame } from '../../operations/reading/readFrame.js';
import { commentPagePath } from '../../operations/reading/readPublicPath.js';
import { canonicalArticlePath } from '../../operations/reading/resolvePath.js';
import type { ArticlePageExtras } from '../../views/pages/ArticlePage.js';
import type { CommentFormView, ErrorPageView } from '../../views/models.js';
import { HONEYPOT_FIELD } from '../../views/components/CommentForm.js';
import { renderCommentFormPage } from '../../views/render.js';
import { clearCommenterCookie, commenterCookie, hasCommenterCookie, readCommenter } from './commenterCookie.js';
import type { PageBuilders } from './buildPages.js';
import { href, type Presenter } from './createPresenter.js';
import { presentComment } from './presentComments.js';

/** WordPress's comment endpoint: forms of existing themes and imported pages post here. */
export const COMMENT_ACTION = '/wp-comments-post.php';

/** A comment of 65,525 bytes of Arabic is ~197 KB once form-encoded; anything beyond this is refused with 413. */
const COMMENT_BODY_LIMIT = 256 * 1024;

export interface CommentWebDeps {
  comments: CommentDeps;
  reading: ReadingDeps;
  pages: PageBuilders;
  presenter: Presenter;
  /** `Secure` on every cookie, not only on requests that came over TLS (config `accounts.secureCookies`). */
  alwaysSecureCookies: boolean;
  sendErrorPage(reply: FastifyReply, status: ErrorPageView['status'], detail?: string): Promise<FastifyReply>;
}

/** What an article page adds for one reader, and whether that makes the response personal (not cacheable). */
export interface ArticleExtras {
  extras: ArticlePageExtras;
  personal: boolean;
}

type Query = Record<string, string | undefined>;

const BLANK_VALUES: CommentFormView['values'] = Object.freeze({ author: '', email: '', url: '', comment: '', remember: false });

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A form post must come from our own pages: a browser's `Sec-Fetch-Site`, `Origin` or `Referer`
 * naming another site is refused (clients that send none, like old browsers, still need the token).
 */
function fromOurPages(request: FastifyRequest): boolean {
  const site = firstHeader(request.headers['sec-fetch-site']);
  if (site === 'cross-site') return false;
  let host: string;
  try {
    host = new URL(`${request.protocol}://${request.headers.host ?? ''}`).host;
  } catch {
    return false;
  }
  for (const header of ['origin', 'referer'] as const) {
    const value = firstHeader(request.headers[header]);
    if (value === undefined || value === '') continue;
    if (value === 'null') return false;
    try {
      return new URL(value).host === host;
    } catch {
      return false;
    }
  }
  return true;
}

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

/**
 * Reader comments on the public site: the POST endpoint (no JavaScript needed: redirect to
 * `#comment-<id>` on success, the form again with Arabic messages on error) and what an article
 * page adds per reader (fresh form token, reply target, remembered values, their held comment).
 */
export async function registerCommentRoutes(app: FastifyInstance, deps: CommentWebDeps): Promise<{ articleExtras(request: FastifyRequest, article: Article): Promise<ArticleExtras> }> {
  const { comments, reading } = deps;
  // Blank forms of the current second only (a form's token carries its second): the map is emptied
  // when the second changes, so it never holds more than the articles read within one second.
  const blankForms = new Map<number, { version: number; form: CommentFormView }>();
  let blankSecond = -1;

  /** The form answers `replyTo` when there is one: its parent id is the reply target's. */
  function formView(article: Pick<Article, 'id'>, token: string, values: CommentFormView['values'], errors: CommentFormView['errors'], replyTo: CommentFormView['replyTo']): CommentFormView {
    return { action: COMMENT_ACTION, articleId: article.id, token, parentId: replyTo?.id ?? null, replyTo, values, errors };
  }

  /** The approved comment of this article a reader replies to (`?replytocom=` or `comment_parent`), or null. */
  async function replyTarget(article: Pick<Article, 'id'>, raw: unknown, cancelHref: string): Promise<CommentFormView['replyTo']> {
    const id = Number(raw);
    if (!Number.isInteger(id) || id <= 0) return null;
    const parent = await comments.store.comments.findById(id);
    return parent && parent.articleId === article.id && parent.status === 'approved' ? { id: parent.id, authorName: parent.authorName, cancelHref } : null;
  }

  async function articleExtras(request: FastifyRequest, article: Article): Promise<ArticleExtras> {
    const keys = await comments.keys();
    const now = comments.now();
    const query = request.query as Query;
    let personal = false;
    const remembered = readCommenter(request.headers.cookie);
    if (remembered) personal = true;

    const replyTo = await replyTarget(article, query.replytocom, `${request.url.split('?')[0]}#respond`);

    let pending: ArticlePageExtras['pending'] = null;
    const pendingId = Number(query.unapproved);
    if (Number.isInteger(pendingId) && pendingId > 0) {
      personal = true;
      const own = await comments.store.comments.findById(pendingId);
      if (own && own.articleId === article.id && own.status === 'pending' && checkModerationHash(keys.moderation, own.id, own.authorEmail, query['moderation-hash'])) {
        const p = deps.presenter.forFrame(await readFrame(reading));
        pending = presentComment(toPublicComment(own), [], { dateTime: (d) => p.dateTime(d)!, open: false, maxDepth: 0 });
      }
    }

    // Tokens carry whole seconds: every reader of an article in the same second gets the same blank
    // form object, so its HTML is rendered once (articlePageBytes keeps it per form object).
    const second = Math.floor(now.getTime() / 1000) * 1000;
    if (!remembered && replyTo === null) {
      if (second !== blankSecond) {
        blankForms.clear();
        blankSecond = second;
      }
      const known = blankForms.get(article.id);
      if (known && known.version === article.version) return { extras: { form: known.form, pending, shared: true }, personal };
      const form = formView(article, issueFormToken(keys.token, article.id, second), BLANK_VALUES, {}, null);
      blankForms.set(article.id, { version: article.version, form });
      return { extras: { form, pending, shared: true }, personal };
    }
    const values = { author: remembered?.author ?? '', email: remembered?.email ?? '', url: remembered?.url ?? '', comment: '', remember: remembered !== null };
    const form = formView(article, issueFormToken(keys.token, article.id, second), values, {}, replyTo);
    return { extras: { form, pending }, personal };
  }

  async function sendFormAgain(reply: FastifyReply, status: number, article: CommentTarget, body: Record<string, unknown>, errors: CommentFormView['errors']) {
    const keys = await comments.keys();
    const path = await canonicalArticlePath(reading, article);
    const replyTo = await replyTarget(article, text(body, 'comment_parent'), `${href(path)}#respond`);
    const values = {
      author: text(body, 'author'),
      email: text(body, 'email'),
      url: text(body, 'url'),
      comment: text(body, 'comment'),
      remember: text(body, 'wp-comment-cookies-consent') === 'yes',
    };
    const form = formView(article, issueFormToken(keys.token, article.id, comments.now().getTime()), values, errors, replyTo);
    const frame = await readFrame(reading);
    const html = renderCommentFormPage(deps.pages.commentForm(frame, { name: article.title, href: href(path) }, form));
    return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'private, no-store').send(Buffer.from(html));
  }

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: COMMENT_BODY_LIMIT });
    scope.post(COMMENT_ACTION, { bodyLimit: COMMENT_BODY_LIMIT }, async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      if (!fromOurPages(request)) return deps.sendErrorPage(reply, 403);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const articleId = Number(text(body, 'comment_post_ID'));
      if (!Number.isInteger(articleId) || articleId <= 0) return deps.sendErrorPage(reply, 404);
      // The columns a post needs, not the article's body and relations (findCommentTarget).
      const article = await comments.store.articles.findCommentTarget(articleId);
      if (!article || article.status !== 'published') return deps.sendErrorPage(reply, 404);
      try {
        const result = await postComment(comments, {
          articleId,
          article,
          author: text(body, 'author'),
          email: text(body, 'email'),
          url: text(body, 'url'),
          comment: text(body, 'comment'),
          comment_parent: text(body, 'comment_parent'),
          token: text(body, 'khabar_token'),
          honeypot: text(body, HONEYPOT_FIELD),
          ip: request.ip,
          userAgent: firstHeader(request.headers['user-agent']) ?? null,
        });
        const remember = text(body, 'wp-comment-cookies-consent') === 'yes';
        // trustProxy is on: `request.protocol` is https behind a TLS-terminating proxy too.
        const secure = deps.alwaysSecureCookies || request.protocol === 'https';
        if (result.status !== 'spam') {
          const c = result.comment;
          if (remember) reply.header('set-cookie', commenterCookie({ author: c.authorName, email: c.authorEmail, url: c.authorUrl ?? '' }, secure));
          // Forgetting is only sent to a browser that holds the cookie: most posts carry none.
          else if (hasCommenterCookie(request.headers.cookie)) reply.header('set-cookie', clearCommenterCookie(secure));
        }
        const path = await canonicalArticlePath(reading, article);
        let location: string;
        if (result.status === 'approved') {
          const settings = await reading.site.get();
          const page = await commentPageOf(comments.store, article, result.comment, settings.comments);
          location = `${href(commentPagePath(path, page))}#comment-${result.comment.id}`;
        } else if (result.status === 'pending') {
          const keys = await comments.keys();
          const hash = moderationHash(keys.moderation, result.comment.id, result.comment.authorEmail);
          location = `${href(path)}?unapproved=${result.comment.id}&moderation-hash=${hash}#comment-${result.comment.id}`;
        } else {
          location = `${href(path)}#comments`;
        }
        return reply.code(303).header('location', location).send();
      } catch (error) {
        if (!isAppError(error)) throw error;
        switch (error.code) {
          case 'INVALID_INPUT':
          case 'COMMENT_DUPLICATE':
            return sendFormAgain(reply, error.code === 'INVALID_INPUT' ? 400 : 409, article, body, (error.details as { fields?: CommentFormView['errors'] }).fields ?? {});
          case 'RATE_LIMITED': {
            const retryAfterMs = Number((error.details as { retryAfterMs?: number }).retryAfterMs ?? 60_000);
            reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
            return deps.sendErrorPage(reply, 429, 'أرسلت تعليقات كثيرة في وقت قصير. انتظر قليلاً ثم أعد المحاولة؛ تعليقك لم يُحفظ.');
          }
          case 'COMMENTS_CLOSED':
            return deps.sendErrorPage(reply, 403, 'التعليقات مغلقة على هذا المقال.');
          case 'NOT_FOUND':
            return deps.sendErrorPage(reply, 404);
          default:
            throw error;
        }
      }
    });
  });

  return { articleExtras };
}
