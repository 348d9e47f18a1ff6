import { useState } from 'preact/hooks';
import type { Article } from '../api/articles.js';
import { createPreviewLink, diffRevisions, listRevisions, restoreRevision, type DiffRun, type Revision, type RevisionDiff } from '../api/revisions.js';
import { useI18n } from '../i18n/I18n.js';
import { errorMessage } from '../ui/errors.js';
import { Notice } from '../ui/Notice.js';
import { toZonedInput, type SiteClock } from '../ui/zonedInput.js';

/** A field's runs, additions and removals marked (the browser's default styles strike and underline them). */
function Runs({ runs, dir }: { runs: DiffRun[]; dir: 'auto' }) {
  return (
    <p class="diff" dir={dir}>
      {runs.map((run, i) => (run.op === 'add' ? <ins key={i}>{run.text}</ins> : run.op === 'remove' ? <del key={i}>{run.text}</del> : <span key={i}>{run.text}</span>))}
    </p>
  );
}

/**
 * An article's revisions and its preview link, beside the editor: every save is listed (newest
 * first); choosing one shows what changed from it to the latest (title, lede, body), and restores it
 * as a new save. "Preview" opens a signed, expiring link to the article as readers will see it.
 */
export function RevisionsPanel(props: {
  articleId: number;
  /** The version the editor holds now (a restore is saved on top of it); read after `beforeAction`. */
  currentVersion(): number | null;
  clock: SiteClock;
  /** Called with the article after a restore, to reload the editor's fields from it. */
  onRestored(article: Article): void;
  /** Saves pending edits first (a preview or a restore must start from what the server has). */
  beforeAction(): Promise<void>;
}) {
  const { t } = useI18n();
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Revision | null>(null);
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ url: string; expiresAt: string } | null>(null);

  async function toggle() {
    setError(null);
    if (open) return setOpen(false);
    setOpen(true);
    try {
      setRevisions(await listRevisions(props.articleId));
    } catch (e) {
      setError(e);
    }
  }

  async function choose(revision: Revision) {
    setError(null);
    setChosen(revision);
    setDiff(null);
    const latest = revisions?.[0];
    if (!latest) return;
    try {
      setDiff(await diffRevisions(props.articleId, revision.id, latest.id));
    } catch (e) {
      setError(e);
    }
  }

  async function restore() {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await props.beforeAction();
      const version = props.currentVersion();
      if (version === null) return;
      const article = await restoreRevision(props.articleId, chosen.id, version);
      props.onRestored(article);
      setRevisions(await listRevisions(props.articleId));
      setChosen(null);
      setDiff(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function openPreview() {
    setError(null);
    try {
      await props.beforeAction();
      const link = await createPreviewLink(props.articleId);
      // The path, on this origin (the admin's): the public base URL may be a CDN that has not seen it.
      setPreview({ url: link.path, expiresAt: link.expiresAt });
      window.open(link.path, '_blank', 'noopener');
    } catch (e) {
      setError(e);
    }
  }

  const when = (iso: string) => toZonedInput(iso, props.clock).replace('T', ' ');
  return (
    <div class="panel revisions-panel">
      <p class="actions">
        <button type="button" onClick={openPreview}>
          {t('revisions.preview')}
        </button>
        <button type="button" aria-expanded={open} onClick={toggle}>
          {t('revisions.title')}
        </button>
      </p>
      {preview && (
        <p class="muted">
          <a href={preview.url} target="_blank" rel="noopener">
            {t('revisions.previewLink')}
          </a>{' '}
          {t('revisions.previewExpires')} <bdi dir="ltr"><time datetime={preview.expiresAt}>{when(preview.expiresAt)}</time></bdi>
        </p>
      )}
      {open && revisions && (
        <ol class="revision-list">
          {revisions.map((r, i) => (
            <li key={r.id}>
              <button type="button" class="button-quiet" aria-pressed={chosen?.id === r.id} onClick={() => choose(r)} disabled={i === 0}>
                {t('revisions.item', { version: r.version })} — <bdi dir="ltr"><time datetime={r.createdAt}>{when(r.createdAt)}</time></bdi>
                {i === 0 && ` (${t('revisions.current')})`}
              </button>
            </li>
          ))}
        </ol>
      )}
      {chosen && diff && (
        <div class="revision-diff" aria-live="polite">
          <h3 class="panel-title">{t('revisions.changesSince', { version: chosen.version })}</h3>
          <Runs runs={diff.title} dir="auto" />
          {diff.lede.some((r) => r.text.trim() !== '') && <Runs runs={diff.lede} dir="auto" />}
          <Runs runs={diff.body} dir="auto" />
          <button type="button" class="button-primary" disabled={busy} onClick={restore}>
            {t('revisions.restore', { version: chosen.version })}
          </button>
        </div>
      )}
      {error !== null && <Notice kind="error">{errorMessage(error, t)}</Notice>}
    </div>
  );
}
