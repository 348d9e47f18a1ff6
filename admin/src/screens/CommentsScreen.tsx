import { useEffect, useState } from 'preact/hooks';
import { commentStatuses, editComment, listComments, moderate, replyToComment, type CommentList, type CommentStatus, type ModerationAction, type ModerationComment } from '../api/comments.js';
import { useI18n } from '../i18n/I18n.js';
import { errorMessage } from '../ui/errors.js';
import { formatDateTime } from '../ui/formatDate.js';
import { Loading, Notice } from '../ui/Notice.js';
import { Pager } from '../ui/Pager.js';

type Tab = CommentStatus | 'all';
const TABS: Tab[] = ['all', ...commentStatuses];

/** What one comment in a given state can be moved to (restore: trash/spam → pending). */
const ACTIONS_BY_STATUS: Record<CommentStatus, ModerationAction[]> = {
  pending: ['approve', 'spam', 'trash'],
  approved: ['unapprove', 'spam', 'trash'],
  spam: ['restore', 'delete'],
  trash: ['restore', 'delete'],
};
const BULK_ACTIONS: ModerationAction[] = ['approve', 'unapprove', 'spam', 'trash', 'restore', 'delete'];

function EditForm({ comment, onDone }: { comment: ModerationComment; onDone: (error?: unknown) => void }) {
  const { t } = useI18n();
  const plain = new DOMParser().parseFromString(comment.body, 'text/html').body.innerText;
  const [name, setName] = useState(comment.authorName);
  const [url, setUrl] = useState(comment.authorUrl ?? '');
  const [text, setText] = useState(plain);
  return (
    <form
      class="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await editComment(comment.id, { authorName: name, authorUrl: url, text });
          onDone();
        } catch (error) {
          onDone(error);
        }
      }}
    >
      <label>
        <span>{t('comments.authorName')}</span>
        <input dir="auto" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        <span>{t('comments.authorUrl')}</span>
        <input dir="ltr" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
      </label>
      <label>
        <span>{t('comments.text')}</span>
        <textarea dir="auto" rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <p class="actions">
        <button type="submit" class="button-primary">
          {t('common.save')}
        </button>
        <button type="button" onClick={() => onDone()}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}

function ReplyForm({ comment, onDone }: { comment: ModerationComment; onDone: (error?: unknown) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  return (
    <form
      class="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await replyToComment(comment.id, text);
          onDone();
        } catch (error) {
          onDone(error);
        }
      }}
    >
      <label>
        <span>{t('comments.reply')}</span>
        <textarea dir="auto" rows={3} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <p class="actions">
        <button type="submit" class="button-primary">
          {t('comments.sendReply')}
        </button>
        <button type="button" onClick={() => onDone()}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}

/** Comment moderation on the real API: tabs by state with counts, search, bulk and single actions, edit, staff reply. */
export function CommentsScreen() {
  const { t, locale } = useI18n();
  const [tab, setTab] = useState<Tab>('pending');
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [list, setList] = useState<CommentList | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [bulk, setBulk] = useState<ModerationAction>('approve');
  const [open, setOpen] = useState<{ id: number; form: 'edit' | 'reply' } | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  async function load() {
    try {
      setList(await listComments({ status: tab, q: search, page, perPage: 20 }));
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error, t) });
    }
  }
  useEffect(() => {
    setSelected(new Set());
    void load();
  }, [tab, search, page]);

  async function act(ids: number[], action: ModerationAction) {
    if (ids.length === 0) return;
    if (action === 'delete' && !confirm(t('comments.confirmDelete', { count: ids.length }))) return;
    try {
      const result = await moderate(ids, action);
      setMessage({ kind: 'success', text: t('comments.changed', { count: result.changed.length }) });
      setSelected(new Set());
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error, t) });
    }
    await load();
  }

  const formDone = async (error?: unknown) => {
    setOpen(null);
    setMessage(error ? { kind: 'error', text: errorMessage(error, t) } : { kind: 'success', text: t('common.done') });
    await load();
  };

  const items = list?.items ?? [];
  const allSelected = items.length > 0 && items.every((c) => selected.has(c.id));
  const total = list ? commentStatuses.reduce((sum, s) => sum + list.counts[s], 0) : 0;

  return (
    <section>
      <h1>{t('comments.title')}</h1>
      <div class="tabs" role="tablist" aria-label={t('comments.title')}>
        {TABS.map((name) => (
          <button
            type="button"
            role="tab"
            key={name}
            aria-selected={tab === name}
            class={tab === name ? 'tab tab-active' : 'tab'}
            onClick={() => {
              setTab(name);
              setPage(1);
            }}
          >
            {t(`comments.status.${name}`)} <span class="count">{list ? (name === 'all' ? total : list.counts[name]) : '…'}</span>
          </button>
        ))}
      </div>
      <form
        class="toolbar-row"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setPage(1);
          setSearch(query.trim());
        }}
      >
        <input type="search" dir="auto" aria-label={t('comments.search')} placeholder={t('comments.search')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="submit">{t('common.search')}</button>
        <span class="spacer" />
        <label class="inline-label">
          <span>{t('comments.bulk')}</span>
          <select value={bulk} onChange={(e) => setBulk(e.currentTarget.value as ModerationAction)}>
            {BULK_ACTIONS.map((action) => (
              <option value={action} key={action}>
                {t(`action.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={selected.size === 0} onClick={() => act([...selected], bulk)}>
          {t('comments.apply')} ({selected.size})
        </button>
      </form>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {list === null ? (
        !message && <Loading />
      ) : items.length === 0 ? (
        <p class="empty">{t('comments.none')}</p>
      ) : (
        <>
          <label class="select-all">
            <input type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((c) => c.id)))} />
            <span>{t('comments.selectAll')}</span>
          </label>
          <ol class="comment-list">
            {items.map((comment) => (
              <li key={comment.id} class={`comment-item status-${comment.status}`} data-comment-id={comment.id}>
                <div class="comment-head">
                  <input
                    type="checkbox"
                    aria-label={t('comments.select', { name: comment.authorName })}
                    checked={selected.has(comment.id)}
                    onChange={() => {
                      const next = new Set(selected);
                      if (next.has(comment.id)) next.delete(comment.id);
                      else next.add(comment.id);
                      setSelected(next);
                    }}
                  />
                  <strong>
                    <bdi>{comment.authorName}</bdi>
                  </strong>
                  {comment.isStaff && <span class="badge">{t('comments.staff')}</span>}
                  <bdi class="muted" dir="ltr">
                    {comment.authorEmail}
                  </bdi>
                  <span class={`badge badge-${comment.status}`}>{t(`comments.status.${comment.status}`)}</span>
                  <time class="muted" dateTime={comment.createdAt}>
                    {formatDateTime(comment.createdAt, locale)}
                  </time>
                </div>
                {comment.articleTitle && (
                  <p class="muted on-article">
                    {t('comments.onArticle', { title: '' })}
                    <bdi>{comment.articleTitle}</bdi>
                  </p>
                )}
                {/* Sanitized by the server (README "Moderation"): the one field that is HTML. */}
                <div class="comment-body" dir="auto" dangerouslySetInnerHTML={{ __html: comment.body }} />
                <p class="actions">
                  {ACTIONS_BY_STATUS[comment.status].map((action) => (
                    <button type="button" key={action} class={action === 'delete' ? 'button-danger' : ''} onClick={() => act([comment.id], action)}>
                      {t(`action.${action}`)}
                    </button>
                  ))}
                  <button type="button" class="button-quiet" onClick={() => setOpen({ id: comment.id, form: 'edit' })}>
                    {t('comments.edit')}
                  </button>
                  {(comment.status === 'approved' || comment.status === 'pending') && (
                    <button type="button" class="button-quiet" onClick={() => setOpen({ id: comment.id, form: 'reply' })}>
                      {t('comments.reply')}
                    </button>
                  )}
                </p>
                {open?.id === comment.id && open.form === 'edit' && <EditForm comment={comment} onDone={formDone} />}
                {open?.id === comment.id && open.form === 'reply' && <ReplyForm comment={comment} onDone={formDone} />}
              </li>
            ))}
          </ol>
          <Pager page={list.page} pages={list.pages} go={setPage} />
        </>
      )}
    </section>
  );
}
