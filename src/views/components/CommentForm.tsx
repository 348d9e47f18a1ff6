import type { CommentFormView } from '../models.js';

/** The field a bot fills and a person never sees (hidden by CSS and from assistive technology). */
export const HONEYPOT_FIELD = 'khabar_hp';

const PRIVACY = 'لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *';
const REMEMBER = 'احفظ اسمي، بريدي الإلكتروني، والموقع الإلكتروني في هذا المتصفح لاستخدامها المرة المقبلة في تعليقي.';

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  // A span, not a p: it sits inside the field's own <p>.
  return (
    <span class="field-error" id={id}>
      {message}
    </span>
  );
}

/**
 * WordPress's Arabic comment form, with its field names and anchors (`#respond`, `author`, `email`,
 * `url`, `comment`, `comment_parent`) so themes' habits and old links keep working. Posts without
 * JavaScript; errors come back next to their fields with the typed values kept.
 */
export function CommentForm({ form, headingLevel = 3 }: { form: CommentFormView; headingLevel?: 2 | 3 }) {
  const { values, errors } = form;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const describe = (field: keyof typeof errors) => (errors[field] ? `${field}-error` : undefined);
  return (
    <div id="respond" class="comment-respond">
      <Heading id="reply-title" class="comment-reply-title">
        {form.replyTo !== null ? (
          <>
            الرد على {form.replyTo.authorName}{' '}
            <small>
              <a rel="nofollow" id="cancel-comment-reply-link" href={form.replyTo.cancelHref}>
                إلغاء الرد
              </a>
            </small>
          </>
        ) : (
          'اترك تعليقاً'
        )}
      </Heading>
      <form action={form.action} method="post" id="commentform" class="comment-form" novalidate>
        <p class="comment-notes">
          <span id="email-notes">{PRIVACY}</span>
        </p>
        {errors.form && (
          <p class="form-error" role="alert">
            {errors.form}
          </p>
        )}
        {errors.comment_parent && (
          <p class="form-error" role="alert">
            {errors.comment_parent}
          </p>
        )}
        <p class="comment-form-comment">
          <label for="comment">
            التعليق <span class="required">*</span>
          </label>
          <textarea id="comment" name="comment" cols={45} rows={8} maxlength={65525} required dir="auto" aria-invalid={errors.comment ? 'true' : undefined} aria-describedby={describe('comment')} value={values.comment} />
          <FieldError id="comment-error" message={errors.comment} />
        </p>
        <p class="comment-form-author">
          <label for="author">
            الاسم <span class="required">*</span>
          </label>
          <input id="author" name="author" type="text" value={values.author} size={30} maxlength={245} autocomplete="name" required dir="auto" aria-invalid={errors.author ? 'true' : undefined} aria-describedby={describe('author')} />
          <FieldError id="author-error" message={errors.author} />
        </p>
        <p class="comment-form-email">
          <label for="email">
            البريد الإلكتروني <span class="required">*</span>
          </label>
          <input id="email" name="email" type="email" value={values.email} size={30} maxlength={100} autocomplete="email" required dir="ltr" aria-invalid={errors.email ? 'true' : undefined} aria-describedby={errors.email ? 'email-error email-notes' : 'email-notes'} />
          <FieldError id="email-error" message={errors.email} />
        </p>
        <p class="comment-form-url">
          <label for="url">الموقع الإلكتروني</label>
          <input id="url" name="url" type="url" value={values.url} size={30} maxlength={200} autocomplete="url" dir="ltr" aria-invalid={errors.url ? 'true' : undefined} aria-describedby={describe('url')} />
          <FieldError id="url-error" message={errors.url} />
        </p>
        <p class="comment-form-hp" aria-hidden="true">
          <label for={HONEYPOT_FIELD}>اترك هذا الحقل فارغاً</label>
          <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" value="" tabindex={-1} autocomplete="off" />
        </p>
        <p class="comment-form-cookies-consent">
          <input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes" checked={values.remember} />
          <label for="wp-comment-cookies-consent">{REMEMBER}</label>
        </p>
        <p class="form-submit">
          <input name="submit" type="submit" id="submit" class="submit" value="إرسال التعليق" />
          <input type="hidden" name="comment_post_ID" value={String(form.articleId)} id="comment_post_ID" />
          <input type="hidden" name="comment_parent" id="comment_parent" value={String(form.parentId ?? 0)} />
          <input type="hidden" name="khabar_token" value={form.token} />
        </p>
      </form>
    </div>
  );
}
