import { useEffect, useRef, useState } from 'preact/hooks';
import { slugify } from '../../../src/domain/text/slug.js';
import {
  createArticle,
  createGuestByline,
  getArticle,
  getEditorArticle,
  listAuthors,
  listSections,
  saveArticle,
  transitionArticle,
  type Article,
  type ArticleFields,
  type Named,
  type WorkflowAction,
} from '../api/articles.js';
import { isUnavailable } from '../api/client.js';
import { getMedia, type MediaItem } from '../api/media.js';
import { getSiteBasics } from '../api/settings.js';
import { ArticleEditor } from '../editor/ArticleEditor.js';
import { documentToHtml, EMPTY_DOCUMENT } from '../editor/documentToHtml.js';
import { useI18n } from '../i18n/I18n.js';
import { navigate } from '../router.js';
import { errorMessage } from '../ui/errors.js';
import { Loading, Notice } from '../ui/Notice.js';
import { formatOnClock } from '../ui/formatDate.js';
import { useOthersEditing } from './useOthersEditing.js';
import { DEFAULT_TIME_ZONE, fromZonedInput, siteClock, toZonedInput, type SiteClock } from '../ui/zonedInput.js';
import { MediaScreen } from './MediaScreen.js';
import { RevisionsPanel } from './RevisionsPanel.js';
import { saveArticleDraft, type SaveDeps } from './saveArticleDraft.js';
import { clearLocalDraft, readLocalDraft, writeLocalDraft } from './localDrafts.js';

const SAVE_DEPS: SaveDeps = {
  create: createArticle,
  save: saveArticle,
  load: getArticle,
  keepLocal: writeLocalDraft,
  clearLocal: clearLocalDraft,
  now: () => new Date(),
};

/**
 * The article a new-article editor just created. Its address then replaces /articles/new while the
 * same editor stays mounted (a remount would reload it and drop keystrokes typed meanwhile).
 */
let createdInPlace: number | null = null;
let generation = 0;

/** The key App gives the editor for `id` (null: a new article). */
export function editorKeyFor(id: number | null): string {
  if (id === null) {
    if (createdInPlace !== null) {
      createdInPlace = null;
      generation += 1;
    }
    return `new-${generation}`;
  }
  return id === createdInPlace ? `new-${generation}` : `article-${id}`;
}

/** Seconds of quiet typing before an autosave. */
const AUTOSAVE_MS = 3000;

function emptyFields(): ArticleFields {
  return {
    title: '',
    lede: '',
    slug: '',
    bodyDoc: EMPTY_DOCUMENT,
    bodyHtml: documentToHtml(EMPTY_DOCUMENT),
    sectionIds: [],
    tags: [],
    authors: [],
    featuredMediaId: null,
    seoTitle: '',
    seoDescription: '',
    canonicalUrl: '',
    breaking: false,
    featured: false,
    commentsOpen: true,
    publishAt: null,
  };
}

function fieldsOf(article: Article): ArticleFields {
  const { id: _id, status: _status, version: _version, updatedAt: _updatedAt, publishedAt: _publishedAt, ...fields } = article;
  return fields;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'keptLocally' }
  | { kind: 'conflict' }
  | { kind: 'error'; error: unknown };

/**
 * The article form: title, lede, slug (Unicode, editable), body editor, sections (primary first),
 * tags created inline, ordered authors with guest bylines, featured image, SEO fields, flags and
 * publish time in the site's zone. Autosaves; a 409 keeps every keystroke (editor and browser copy).
 */
export function ArticleEditScreen({ id }: { id: number | null }) {
  const { t, locale } = useI18n();
  const [articleId, setArticleId] = useState<number | null>(id);
  // A new article starts from this browser's unsaved copy, if there is one.
  const [fields, setFields] = useState<ArticleFields | null>(() => (id === null ? (readLocalDraft(null)?.fields ?? emptyFields()) : null));
  const [version, setVersion] = useState<number | null>(null);
  const [status, setStatus] = useState<Article['status'] | null>(null);
  const [editorKey, setEditorKey] = useState(0);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [loadError, setLoadError] = useState<unknown>(null);
  const [staleLocal, setStaleLocal] = useState<ArticleFields | null>(null);
  const [restored, setRestored] = useState(() => id === null && readLocalDraft(null) !== null);
  const [slugTouched, setSlugTouched] = useState(id !== null);
  const [sections, setSections] = useState<Named[] | null>(null);
  const [authors, setAuthors] = useState<Named[] | null>(null);
  const [listsMissing, setListsMissing] = useState(false);
  const [clock, setClock] = useState<SiteClock>(() => siteClock(DEFAULT_TIME_ZONE));
  const timeZone = clock.timeZone;
  const [tagInput, setTagInput] = useState('');
  const [guestInput, setGuestInput] = useState('');
  const timer = useRef<number | null>(null);
  const latest = useRef<{ fields: ArticleFields | null; version: number | null; articleId: number | null }>({ fields, version, articleId });
  latest.current = { fields, version, articleId };
  const saveRef = useRef(save);
  saveRef.current = save;
  const [picking, setPicking] = useState(false);
  const [featuredItem, setFeaturedItem] = useState<MediaItem | null>(null);
  const [actions, setActions] = useState<WorkflowAction[]>([]);
  const [acting, setActing] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [guestError, setGuestError] = useState<unknown>(null);
  const othersEditing = useOthersEditing(articleId);

  /** Adds a guest byline by name: created on the server at once (or found, for a known name), then listed like staff. */
  async function addGuest(name: string) {
    setGuestError(null);
    try {
      const guest = await createGuestByline(name);
      setAuthors((known) => (known && !known.some((a) => a.id === guest.id) ? [...known, guest] : known));
      const current = latest.current.fields;
      if (current && !current.authors.some((a) => a.authorId === guest.id)) update({ authors: [...current.authors, { authorId: guest.id }] });
      setGuestInput('');
    } catch (error) {
      setGuestError(error);
    }
  }

  /** The workflow buttons (and state) as the server says now. */
  async function refreshActions(articleId: number) {
    const current = await getEditorArticle(articleId);
    setActions(current.actions);
    setStatus(current.article.status);
  }

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  useEffect(() => {
    // This editor created it: what it holds is newer than anything to load.
    if (id !== null && id === latest.current.articleId && latest.current.fields) return;
    const local = readLocalDraft(id);
    if (id !== null) {
      getEditorArticle(id).then(
        ({ article, actions: allowed }) => {
          setActions(allowed);
          setVersion(article.version);
          setStatus(article.status);
          if (local && local.baseVersion === article.version) {
            setFields(local.fields);
            setRestored(true);
          } else {
            setFields(fieldsOf(article));
            // Someone saved since this browser's copy was made: offer it, never drop it silently.
            if (local) setStaleLocal(local.fields);
          }
        },
        (error) => {
          // No server copy to show: a local one still is the writer's own work.
          if (local) {
            setFields(local.fields);
            setRestored(true);
          }
          setLoadError(error);
        },
      );
    }
    listSections().then(setSections, (error) => isUnavailable(error) && setListsMissing(true));
    listAuthors().then(setAuthors, (error) => isUnavailable(error) && setListsMissing(true));
    getSiteBasics().then((s) => setClock(siteClock(s.timeZone || DEFAULT_TIME_ZONE, s.offsets)), () => {});
  }, [id]);

  async function saveNow(options: { overwrite?: boolean } = {}) {
    const current = latest.current;
    if (!current.fields) return;
    if (timer.current !== null) clearTimeout(timer.current);
    setSave({ kind: 'saving' });
    const outcome = await saveArticleDraft(SAVE_DEPS, { articleId: current.articleId, version: current.version, fields: current.fields }, options);
    if (outcome.kind !== 'saved') return setSave(outcome);
    const { article } = outcome;
    if (outcome.created) {
      setArticleId(article.id);
      latest.current = { ...latest.current, articleId: article.id };
      createdInPlace = article.id;
      navigate(`/articles/${article.id}`, { replace: true });
    }
    setVersion(article.version);
    latest.current = { ...latest.current, version: article.version, articleId: article.id };
    setStatus(article.status);
    if (latest.current.fields === current.fields) setSave({ kind: 'saved', at: article.updatedAt });
    else {
      // Typed while this save was on its way: those edits still need one.
      setSave({ kind: 'dirty' });
      timer.current = window.setTimeout(() => {
        if (saveRef.current.kind === 'dirty') void saveNow();
      }, AUTOSAVE_MS);
    }
    void refreshActions(article.id).catch(() => {});
  }

  /** Submit, schedule, publish…: saves pending edits first, then asks the server for the transition. */
  async function runAction(action: WorkflowAction) {
    setActionError(null);
    if (saveRef.current.kind === 'dirty' || latest.current.articleId === null) await saveNow();
    const { articleId: current, version: base, fields: now } = latest.current;
    if (current === null || base === null) return;
    if (action === 'schedule' && !now?.publishAt) {
      setActionError(new Error('publishAt'));
      return;
    }
    setActing(true);
    try {
      const article = await transitionArticle(current, action, base, action === 'schedule' ? { publishAt: now!.publishAt! } : {});
      setVersion(article.version);
      latest.current = { ...latest.current, version: article.version };
      setStatus(article.status);
      await refreshActions(current);
    } catch (error) {
      setActionError(error);
    } finally {
      setActing(false);
    }
  }

  useEffect(() => {
    const mediaId = fields?.featuredMediaId ?? null;
    if (mediaId !== null && featuredItem?.id !== mediaId) getMedia(mediaId).then(setFeaturedItem, () => {});
  }, [fields?.featuredMediaId]);

  function update(patch: Partial<ArticleFields>) {
    const next = { ...latest.current.fields!, ...patch };
    setFields(next);
    latest.current = { ...latest.current, fields: next };
    writeLocalDraft(latest.current.articleId, { fields: next, baseVersion: latest.current.version, savedAt: new Date().toISOString() });
    // After a conflict or without a server, saving waits for the writer's choice.
    setSave((s) => (s.kind === 'conflict' || s.kind === 'keptLocally' ? s : { kind: 'dirty' }));
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      if (saveRef.current.kind === 'dirty') void saveNow();
    }, AUTOSAVE_MS);
  }

  /** The editor's fields from an article the server just wrote (a restored revision). */
  function takeFromServer(article: Article) {
    setFields(fieldsOf(article));
    setVersion(article.version);
    setStatus(article.status);
    latest.current = { ...latest.current, version: article.version };
    setEditorKey((k) => k + 1);
    setSave({ kind: 'saved', at: article.updatedAt });
  }

  async function openTheirs() {
    if (latest.current.articleId === null) return;
    const mine = latest.current.fields!;
    const theirs = await getArticle(latest.current.articleId);
    // Mine stays in this browser, under the conflict's own key, whatever happens next.
    writeLocalDraft(latest.current.articleId, { fields: mine, baseVersion: theirs.version, savedAt: new Date().toISOString() });
    setFields(fieldsOf(theirs));
    setVersion(theirs.version);
    setEditorKey((k) => k + 1);
    setSave({ kind: 'idle' });
  }

  if (!fields) return loadError ? <Notice kind="error">{isUnavailable(loadError) ? t('common.notAvailableBody') : errorMessage(loadError, t)}</Notice> : <Loading />;

  const sectionName = (sid: number) => sections?.find((s) => s.id === sid)?.name ?? `#${sid}`;
  const authorName = (aid: number | null, guest?: string | null) => (aid === null ? (guest ?? '') : (authors?.find((a) => a.id === aid)?.name ?? `#${aid}`));
  const move = <T,>(list: T[], from: number, to: number): T[] => {
    const copy = [...list];
    const [item] = copy.splice(from, 1);
    copy.splice(to, 0, item!);
    return copy;
  };

  return (
    <section class="article-edit">
      <h1>
        {articleId === null ? t('editor.newTitle') : t('editor.editTitle')} {status && <span class={`badge badge-${status}`}>{t(`status.${status}`)}</span>}
      </h1>
      {othersEditing.length > 0 && (
        <div class="notice notice-warning others-editing" role="alert">
          {t('editor.othersEditing', { names: new Intl.ListFormat(locale, { type: 'conjunction' }).format(othersEditing.map((o) => o.displayName)) })}
        </div>
      )}
      {restored && <Notice kind="info">{t('editor.restored')}</Notice>}
      {staleLocal && (
        <Notice kind="info">
          <p>{t('editor.staleLocal')}</p>
          <p class="actions">
            <button
              type="button"
              onClick={() => {
                update(staleLocal);
                setStaleLocal(null);
                setEditorKey((k) => k + 1);
              }}
            >
              {t('editor.restoreLocal')}
            </button>
          </p>
        </Notice>
      )}
      {loadError !== null && <Notice kind="error">{isUnavailable(loadError) ? t('common.notAvailableBody') : errorMessage(loadError, t)}</Notice>}
      {save.kind === 'conflict' && (
        <Notice kind="error">
          <p>{t('editor.conflict')}</p>
          <p class="actions">
            <button type="button" onClick={openTheirs}>
              {t('editor.conflictTheirs')}
            </button>
            <button type="button" class="button-danger" onClick={() => saveNow({ overwrite: true })}>
              {t('editor.conflictOverwrite')}
            </button>
          </p>
        </Notice>
      )}
      {save.kind === 'keptLocally' && <Notice kind="info">{t('editor.keptLocally')}</Notice>}
      {save.kind === 'error' && <Notice kind="error">{errorMessage(save.error, t)}</Notice>}
      <div class="edit-grid">
        <div class="edit-main">
          <label class="field-title">
            <span>{t('editor.title')}</span>
            <input
              dir="auto"
              value={fields.title}
              onInput={(e) => {
                const title = e.currentTarget.value;
                update(slugTouched ? { title } : { title, slug: slugify(title) });
              }}
            />
          </label>
          <label>
            <span>{t('editor.slug')}</span>
            <input
              dir="auto"
              value={fields.slug}
              onInput={(e) => {
                setSlugTouched(true);
                update({ slug: e.currentTarget.value });
              }}
            />
          </label>
          <label>
            <span>{t('editor.lede')}</span>
            <textarea dir="auto" rows={3} value={fields.lede} onInput={(e) => update({ lede: e.currentTarget.value })} />
          </label>
          <div class="field">
            <span class="field-label" id="body-label">
              {t('editor.body')}
            </span>
            <ArticleEditor key={editorKey} label={t('editor.body')} initial={fields.bodyDoc} onChange={(bodyDoc, bodyHtml) => update({ bodyDoc, bodyHtml })} />
          </div>
        </div>
        <aside class="edit-side">
          <div class="panel save-panel">
            <button type="button" class="button-primary" onClick={() => saveNow()} disabled={save.kind === 'saving'}>
              {t('editor.save')}
            </button>
            <span class="save-state" role="status">
              {save.kind === 'saving' && t('editor.saving')}
              {save.kind === 'saved' && t('editor.saved')}
              {save.kind === 'dirty' && t('editor.unsaved')}
            </span>
          </div>
          {actions.length > 0 && (
            <div class="panel workflow-panel">
              <h2 class="panel-title">{t('editor.workflow')}</h2>
              <p class="actions">
                {actions.map((action) => (
                  <button type="button" key={action} class={action === 'trash' ? 'button-danger' : action === 'publish' ? 'button-primary' : ''} disabled={acting || save.kind === 'saving' || save.kind === 'conflict'} onClick={() => runAction(action)}>
                    {t(`editor.action.${action}`)}
                  </button>
                ))}
              </p>
              {actionError !== null && <Notice kind="error">{actionError instanceof Error && actionError.message === 'publishAt' ? t('editor.publishAt', { zone: timeZone }) : errorMessage(actionError, t)}</Notice>}
            </div>
          )}
          {articleId !== null && (
            <RevisionsPanel
              articleId={articleId}
              currentVersion={() => latest.current.version}
              clock={clock}
              onRestored={takeFromServer}
              beforeAction={async () => {
                if (saveRef.current.kind === 'dirty') await saveNow();
              }}
            />
          )}
          {listsMissing && <Notice kind="info">{t('editor.notAvailableLists')}</Notice>}
          <fieldset class="panel">
            <legend>{t('editor.sections')}</legend>
            <ol class="chips">
              {fields.sectionIds.map((sid, index) => (
                <li key={sid}>
                  {sectionName(sid)} {index === 0 && <span class="badge">{t('editor.primary')}</span>}
                  {index > 0 && (
                    <button type="button" class="button-quiet" onClick={() => update({ sectionIds: move(fields.sectionIds, index, 0) })}>
                      {t('editor.makePrimary')}
                    </button>
                  )}
                  <button type="button" class="button-quiet" aria-label={`${t('editor.remove')} ${sectionName(sid)}`} onClick={() => update({ sectionIds: fields.sectionIds.filter((x) => x !== sid) })}>
                    ×
                  </button>
                </li>
              ))}
            </ol>
            <select
              aria-label={t('editor.sections')}
              disabled={!sections}
              value=""
              onChange={(e) => {
                const sid = Number(e.currentTarget.value);
                if (sid && !fields.sectionIds.includes(sid)) update({ sectionIds: [...fields.sectionIds, sid] });
              }}
            >
              <option value="">+</option>
              {(sections ?? []).map((s) => (
                <option value={s.id} key={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </fieldset>
          <fieldset class="panel">
            <legend>{t('editor.tags')}</legend>
            <ul class="chips">
              {fields.tags.map((tag) => (
                <li key={tag}>
                  <bdi>{tag}</bdi>
                  <button type="button" class="button-quiet" aria-label={`${t('editor.remove')} ${tag}`} onClick={() => update({ tags: fields.tags.filter((x) => x !== tag) })}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
            <input
              dir="auto"
              aria-label={t('editor.addTag')}
              placeholder={t('editor.addTag')}
              value={tagInput}
              onInput={(e) => setTagInput(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                const tag = tagInput.trim();
                if (tag && !fields.tags.includes(tag)) update({ tags: [...fields.tags, tag] });
                setTagInput('');
              }}
            />
          </fieldset>
          <fieldset class="panel">
            <legend>{t('editor.authors')}</legend>
            <ol class="chips">
              {fields.authors.map((a, index) => (
                <li key={`${a.authorId}-${a.guestName}-${index}`}>
                  <bdi>{authorName(a.authorId, a.guestName)}</bdi>
                  {(a.authorId === null || authors?.some((x) => x.id === a.authorId && x.isGuest)) && <span class="badge">{t('editor.guest')}</span>}
                  {index > 0 && (
                    <button type="button" class="button-quiet" onClick={() => update({ authors: move(fields.authors, index, index - 1) })}>
                      {t('editor.moveUp')}
                    </button>
                  )}
                  <button type="button" class="button-quiet" aria-label={t('editor.remove')} onClick={() => update({ authors: fields.authors.filter((_, i) => i !== index) })}>
                    ×
                  </button>
                </li>
              ))}
            </ol>
            <select
              aria-label={t('editor.addAuthor')}
              disabled={!authors}
              value=""
              onChange={(e) => {
                const aid = Number(e.currentTarget.value);
                if (aid && !fields.authors.some((a) => a.authorId === aid)) update({ authors: [...fields.authors, { authorId: aid }] });
              }}
            >
              <option value="">{t('editor.addAuthor')}</option>
              {(authors ?? []).map((a) => (
                <option value={a.id} key={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <input
              dir="auto"
              aria-label={t('editor.guestName')}
              placeholder={t('editor.guestName')}
              aria-describedby="guest-note"
              value={guestInput}
              onInput={(e) => setGuestInput(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                const name = guestInput.trim();
                if (name) void addGuest(name);
              }}
            />
            <p class="muted" id="guest-note">
              {t('editor.guestHint')}
            </p>
            {guestError !== null && <Notice kind="error">{errorMessage(guestError, t)}</Notice>}
          </fieldset>
          <fieldset class="panel">
            <legend>{t('editor.featuredImage')}</legend>
            {featuredItem && <img class="featured-preview" src={featuredItem.thumbUrl} alt={featuredItem.alt} />}
            {fields.featuredMediaId !== null && !featuredItem && <p class="muted">#{fields.featuredMediaId}</p>}
            <p class="actions">
              <button type="button" aria-expanded={picking} onClick={() => setPicking(!picking)}>
                {t('editor.chooseImage')}
              </button>
              {fields.featuredMediaId !== null && (
                <button type="button" class="button-quiet" onClick={() => { setFeaturedItem(null); update({ featuredMediaId: null }); }}>
                  {t('editor.remove')}
                </button>
              )}
            </p>
            {picking && (
              <MediaScreen
                onPick={(item) => {
                  setFeaturedItem(item);
                  setPicking(false);
                  update({ featuredMediaId: item.id });
                }}
              />
            )}
          </fieldset>
          <fieldset class="panel">
            <legend>{t('editor.publishAt', { zone: timeZone })}</legend>
            <input
              type="datetime-local"
              step="1"
              aria-label={t('editor.publishAt', { zone: timeZone })}
              value={toZonedInput(fields.publishAt, clock)}
              onChange={(e) => update({ publishAt: fromZonedInput(e.currentTarget.value, clock) })}
            />
            {/* The field shows the browser's own date format (mm/dd/yyyy, AM/PM on an English browser): the time is said again in the interface's language, on the site's clock. */}
            {fields.publishAt && (
              <p class="muted publish-at-reads" aria-live="polite">
                {t('editor.publishAtReads', { when: formatOnClock(fields.publishAt, locale, clock, 'full'), zone: timeZone })}
              </p>
            )}
            <label class="check">
              <input type="checkbox" checked={fields.breaking} onChange={(e) => update({ breaking: e.currentTarget.checked })} />
              <span>{t('editor.breaking')}</span>
            </label>
            <label class="check">
              <input type="checkbox" checked={fields.featured} onChange={(e) => update({ featured: e.currentTarget.checked })} />
              <span>{t('editor.featured')}</span>
            </label>
            <label class="check">
              <input type="checkbox" checked={fields.commentsOpen} onChange={(e) => update({ commentsOpen: e.currentTarget.checked })} />
              <span>{t('editor.commentsOpen')}</span>
            </label>
          </fieldset>
          <fieldset class="panel">
            <legend>SEO</legend>
            <label>
              <span>{t('editor.seoTitle')}</span>
              <input dir="auto" value={fields.seoTitle} onInput={(e) => update({ seoTitle: e.currentTarget.value })} />
            </label>
            <label>
              <span>{t('editor.seoDescription')}</span>
              <textarea dir="auto" rows={3} value={fields.seoDescription} onInput={(e) => update({ seoDescription: e.currentTarget.value })} />
            </label>
            <label>
              <span>{t('editor.canonicalUrl')}</span>
              <input type="url" dir="ltr" inputMode="url" placeholder="https://" aria-describedby="canonical-hint" value={fields.canonicalUrl} onInput={(e) => update({ canonicalUrl: e.currentTarget.value })} />
              <small id="canonical-hint" class="hint">{t('editor.canonicalUrlHint')}</small>
            </label>
          </fieldset>
        </aside>
      </div>
    </section>
  );
}
