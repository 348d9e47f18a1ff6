import type { CommentsView, CommentView } from '../models.js';
import { Avatar } from './Avatar.js';
import { Bidi } from './Bidi.js';
import { DateTime } from './DateTime.js';
import { Pagination } from './Pagination.js';

/** One comment and its replies, with WordPress's anchors (`#comment-<id>`). */
export function CommentItem({ comment }: { comment: CommentView }) {
  const name = <Bidi text={comment.authorName} />;
  return (
    <li id={`comment-${comment.id}`} class={`comment${comment.isStaff ? ' comment-staff' : ''}${comment.pending ? ' comment-pending' : ''}`}>
      <article class="comment-body" aria-labelledby={`comment-${comment.id}-author`}>
        <header class="comment-meta">
          <Avatar avatar={comment.avatar} />
          <span class="comment-author" id={`comment-${comment.id}-author`}>
            {comment.authorUrl !== null ? (
              <a href={comment.authorUrl} rel="nofollow ugc noopener noreferrer external">
                {name}
              </a>
            ) : (
              name
            )}
            {comment.isStaff && <span class="badge-staff">فريق التحرير</span>}
          </span>
          <a class="comment-date" href={`#comment-${comment.id}`}>
            <DateTime date={comment.date} />
          </a>
        </header>
        {comment.pending && (
          <p class="comment-awaiting" role="status">
            تعليقك في انتظار المراجعة. هذه معاينة، ولن يظهر للآخرين إلا بعد الموافقة عليه.
          </p>
        )}
        <div class="comment-content" dir="auto" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
        {comment.replyHref !== null && (
          <a class="comment-reply-link" href={comment.replyHref} rel="nofollow" aria-label={`الرد على ${comment.authorName}`}>
            رد
          </a>
        )}
      </article>
      {comment.replies.length > 0 && (
        <ol class="children">
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} />
          ))}
        </ol>
      )}
    </li>
  );
}

/** The approved comments of the page, then the paging between comment pages. */
export function CommentList({ comments }: { comments: CommentsView }) {
  return (
    <>
      {comments.threads.length > 0 && (
        <ol class="comment-list">
          {comments.threads.map((c) => (
            <CommentItem key={c.id} comment={c} />
          ))}
        </ol>
      )}
      <Pagination pagination={comments.pagination} />
    </>
  );
}
