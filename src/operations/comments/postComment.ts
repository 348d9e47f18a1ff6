import type { CommentTarget } from '../../domain/article.js';
import type { Comment, CommentStatus } from '../../domain/comment.js';
import { checkFormToken, commentFingerprint, hashIp } from '../../domain/comments/commentTokens.js';
import { commentsOpen } from '../../domain/comments/commentsOpen.js';
import { countLinks } from '../../domain/comments/countLinks.js';
import { decideCommentStatus } from '../../domain/comments/decideCommentStatus.js';
import { compileWordList, listKey, type CompiledWordList } from '../../domain/comments/matchWordList.js';
import { sanitizeCommentHtml } from '../../domain/comments/sanitizeCommentHtml.js';
import { validateCommentForm, type CommentFieldErrors, type CommentFormInput } from '../../domain/comments/validateCommentForm.js';
import { AppError } from '../../errors/AppError.js';
import { decisionsOf, hitAll, type RateDecision, type RateHit } from '../../ratelimit/RateLimiter.js';
import type { CommentDeps } from './CommentDeps.js';

export interface PostCommentInput extends CommentFormInput {
  articleId: number;
  /** The article, when the caller has just read it (saves reading it again). */
  article?: CommentTarget;
  /** The signed form token (see issueFormToken). */
  token?: unknown;
  /** The hidden field only bots fill. */
  honeypot?: unknown;
  /** The client's address (hashed before it is stored or counted). */
  ip: string;
  userAgent?: string | null;
}

export interface PostCommentResult {
  comment: Comment;
  status: CommentStatus;
}

/** A form token older than this is refused (a reader left the page open for days); the form comes back fresh. */
const TOKEN_MAX_AGE_MS = 3 * 86_400_000;

const TOKEN_MESSAGES = {
  missing: 'تعذّر التحقق من النموذج. أعد إرسال تعليقك من صفحة المقال.',
  forged: 'تعذّر التحقق من النموذج. أعد إرسال تعليقك من صفحة المقال.',
  'too-fast': 'أُرسل التعليق بسرعة كبيرة. انتظر لحظة ثم أعد الإرسال.',
  expired: 'انتهت صلاحية النموذج. راجع تعليقك وأعد إرساله.',
} as const;

function invalid(errors: CommentFieldErrors): AppError {
  return new AppError('INVALID_INPUT', `the comment form has errors in: ${Object.keys(errors).join(', ')}`, { fields: errors });
}

const wordLists = new WeakMap<readonly string[], CompiledWordList>();
function compiled(words: readonly string[]): CompiledWordList {
  let list = wordLists.get(words);
  if (!list) wordLists.set(words, (list = compileWordList(words)));
  return list;
}

function rateLimited(retryAfterMs: number): AppError {
  return new AppError('RATE_LIMITED', 'too many comments from this address; retry later', { retryAfterMs });
}

/**
 * A reader posts a comment: the article must be open to comments; floods are refused per address
 * and per email; the form must be valid and its token genuine and not instant; replies nest up to
 * the site's depth; the same text twice is refused; spam signals and the moderation settings decide
 * whether it is published, held or kept as spam. Nothing is written unless everything passed.
 */
export async function postComment(deps: CommentDeps, input: PostCommentInput): Promise<PostCommentResult> {
  const { store, limiter, limits } = deps;
  const now = deps.now();
  const article = input.article?.id === input.articleId ? input.article : await store.articles.findCommentTarget(input.articleId);
  if (!article || article.status !== 'published') throw new AppError('NOT_FOUND', `no published article ${input.articleId}`);
  const settings = (await deps.site.get()).comments;
  if (!commentsOpen(article, settings.closeAfterDays, now)) throw new AppError('COMMENTS_CLOSED', `comments are closed on article ${article.id}`);

  const keys = await deps.keys();
  const ipHash = hashIp(keys.ip, input.ip);
  const form = validateCommentForm(input);
  const token = checkFormToken(keys.token, article.id, input.token, now.getTime(), limits.commentMinFillSeconds * 1000, TOKEN_MAX_AGE_MS);
  // One count (one statement, or one Redis call) for the address's minute and hour and, when the
  // form can be posted, the email's hour. Every post counts against its address, invalid ones too.
  const hits: RateHit[] = [
    { key: `comment:ip:m:${ipHash}`, limit: limits.commentsPerIpPerMinute, windowMs: 60_000 },
    { key: `comment:ip:h:${ipHash}`, limit: limits.commentsPerIpPerHour, windowMs: 3_600_000 },
  ];
  if (form.ok && token.ok) hits.push({ key: `comment:email:h:${commentFingerprint(form.value.authorEmail)}`, limit: limits.commentsPerEmailPerHour, windowMs: 3_600_000 });
  // With the store-kept limiter, a post that passes every check is counted in the transaction that
  // inserts it (store.comments.createCounted): one commit for both instead of two in a row, which
  // under a burst of posts is a whole group commit less to wait for (decision 030). Every other
  // post — and every post when the counts are in Redis — is counted before anything else.
  const together = limiter.inStore !== undefined && form.ok && token.ok;
  /** Counts the hits on their own; a flood from the address is refused at once. Returns the email's decision. */
  const countNow = async (): Promise<RateDecision | undefined> => {
    const [perMinute, perHour, perEmail] = await hitAll(limiter, hits);
    for (const decision of [perMinute!, perHour!]) if (!decision.allowed) throw rateLimited(decision.retryAfterMs);
    return perEmail;
  };
  const perEmail = together ? undefined : await countNow();
  /** A refusal after the checks: a post to be counted together is counted now, and a flood is still answered 429 first. */
  const refuse = async (error: AppError): Promise<never> => {
    if (together) await countNow();
    throw error;
  };

  if (!form.ok) throw invalid(form.errors);
  const { value } = form;
  if (!token.ok) throw invalid({ form: TOKEN_MESSAGES[token.reason] });

  let parentId: number | null = null;
  let depth = 1;
  if (value.parentId !== null) {
    const parent = await store.comments.findById(value.parentId);
    if (!parent || parent.articleId !== article.id || parent.status !== 'approved') await refuse(invalid({ comment_parent: 'التعليق الذي تردّ عليه غير موجود أو لم يُنشر بعد.' }));
    // At the deepest level a reply joins its parent's thread instead of nesting further (as WordPress does).
    parentId = parent!.depth >= settings.maxDepth ? parent!.parentId : parent!.id;
    depth = parent!.depth >= settings.maxDepth ? parent!.depth : parent!.depth + 1;
  }
  if (perEmail && !perEmail.allowed) throw rateLimited(perEmail.retryAfterMs);

  const fingerprint = commentFingerprint(value.text);
  if (await store.comments.findDuplicate(article.id, fingerprint, value.authorEmail, ipHash)) {
    await refuse(new AppError('COMMENT_DUPLICATE', `duplicate comment on article ${article.id}`, { fields: { comment: 'يبدو أنك أرسلت هذا التعليق من قبل.' } }));
  }

  // Normalized once for both lists, and only when there is a list.
  const everything = settings.disallowedWords.length + settings.moderationWords.length > 0 ? listKey([value.authorName, value.authorEmail, value.authorUrl ?? '', value.text].join('\n')) : '';
  const honeypot = typeof input.honeypot === 'string' && input.honeypot.trim() !== '';
  const status = decideCommentStatus(settings, {
    honeypot,
    disallowedWord: compiled(settings.disallowedWords).findInKey(everything),
    moderationWord: compiled(settings.moderationWords).findInKey(everything),
    links: countLinks(value.text),
    returning: settings.moderation === 'trust-returning' ? await store.comments.hasApprovedFrom(value.authorEmail) : false,
    staff: false,
  });

  const newComment = {
    articleId: article.id,
    parentId,
    depth,
    authorName: value.authorName,
    authorEmail: value.authorEmail,
    authorUrl: value.authorUrl,
    body: sanitizeCommentHtml(value.text),
    status,
    ipHash,
    userAgent: input.userAgent ? input.userAgent.slice(0, 255) : null,
    fingerprint,
  };
  if (!together) return { comment: await store.comments.create(newComment), status };
  const nowMs = now.getTime();
  await limiter.inStore!.sweepIfDue(nowMs);
  const { counted, comment } = await store.comments.createCounted(newComment, hits, nowMs);
  if (!comment) throw rateLimited(decisionsOf(hits, counted, nowMs).find((d) => !d.allowed)?.retryAfterMs ?? 0);
  return { comment, status };
}
