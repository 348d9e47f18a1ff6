import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { cancelImport, getImport, listImports, reportUrl, startImport, type ImportRun, type KindCounts } from '../api/imports.js';
import type { MessageKey } from '../i18n/catalogue.js';
import { useI18n, type I18n } from '../i18n/I18n.js';
import { errorMessage } from '../ui/errors.js';
import { Notice } from '../ui/Notice.js';

/** The report's kinds, in the order the screen lists them. */
const KINDS = ['authors', 'sections', 'tags', 'articles', 'pages', 'comments', 'media', 'redirects', 'menuItems', 'terms'] as const;
const POLL_MS = 1000;

/** The error that ended a run, in the chosen language, with its stable code and (for a malformed file) where. */
function runErrorText(run: ImportRun, t: I18n['t']): string {
  const error = run.error!;
  const known = `error.${error.code}` as MessageKey;
  let text = t(known) === known ? t('error.generic') : t(known);
  const { line, column } = error.details ?? {};
  if (typeof line === 'number' && typeof column === 'number') text += ` ${t('import.where', { line, column })}`;
  return text;
}

function CountsTable({ counts }: { counts: Record<string, KindCounts> }) {
  const { t } = useI18n();
  const rows = KINDS.filter((k) => counts[k] && counts[k]!.created + counts[k]!.updated + counts[k]!.skipped + counts[k]!.failed > 0);
  if (rows.length === 0) return null;
  // Scrolls inside its box on a phone (the table is 30rem at least), as the other screens' tables do.
  return (
    <div class="table-scroll">
      <table class="data-table import-counts">
        <thead>
          <tr>
            <th scope="col">{t('import.kind')}</th>
            <th scope="col">{t('import.created')}</th>
            <th scope="col">{t('import.updated')}</th>
            <th scope="col">{t('import.skipped')}</th>
            <th scope="col">{t('import.failed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((k) => (
            <tr key={k}>
              <th scope="row">{t(`import.kind.${k}` as MessageKey)}</th>
              <td>{counts[k]!.created}</td>
              <td>{counts[k]!.updated}</td>
              <td>{counts[k]!.skipped}</td>
              <td class={counts[k]!.failed > 0 ? 'import-failed' : undefined}>{counts[k]!.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One run: its progress while it runs (with Cancel), the report (or the error) once it ended. */
function RunPanel({ run, onChange }: { run: ImportRun; onChange: (run: ImportRun) => void }) {
  const { t } = useI18n();
  const { progress } = run;
  const active = run.state === 'queued' || run.state === 'running';
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const stopping = run.state === 'running' && run.cancelRequestedAt !== null;
  const issues = run.report ? [...run.report.failures.map((f) => ({ ...f, failed: true })), ...run.report.skips.map((s) => ({ ...s, failed: false }))] : [];
  return (
    <section class="import-run" aria-live="polite" aria-busy={active}>
      <h2>
        {t('import.run', { id: run.id })} — <bdi dir="ltr">{run.fileName}</bdi>
        {run.dryRun && <span class="badge">{t('import.dryRunBadge')}</span>}
      </h2>
      <p class={`import-state import-state-${run.state}`} role="status">
        {t(`import.state.${run.state}` as MessageKey)}
        {run.state === 'running' && ` — ${t(`import.phase.${progress.phase}` as MessageKey)}`}
        {stopping && ` — ${t('import.stopping')}`}
      </p>
      {active && (
        <p class="import-progress">
          <progress max={progress.total ?? undefined} value={progress.total ? progress.done : undefined} aria-label={t('import.progress')} />
          <span>{progress.total ? t('import.items', { done: progress.done, total: progress.total }) : t('import.itemsRead', { done: progress.done })}</span>
        </p>
      )}
      {active && !stopping && (
        <p>
          <button
            type="button"
            class="button-danger"
            disabled={cancelling}
            onClick={async () => {
              if (!window.confirm(t('import.cancelConfirm'))) return;
              setCancelling(true);
              setCancelError(null);
              try {
                onChange(await cancelImport(run.id));
              } catch (failure) {
                setCancelError(errorMessage(failure, t));
              } finally {
                setCancelling(false);
              }
            }}
          >
            {t('import.cancel')}
          </button>
        </p>
      )}
      {cancelError && <Notice kind="error">{cancelError}</Notice>}
      {run.state === 'cancelled' && <Notice kind="info">{run.report && !run.report.dryRun ? t('import.cancelledAfterWrites') : t('import.cancelledBeforeWrites')}</Notice>}
      {run.state === 'failed' && run.error && (
        <Notice kind="error">
          {runErrorText(run, t)} <code dir="ltr">{run.error.code}</code>
        </Notice>
      )}
      <CountsTable counts={run.report?.counts ?? progress.counts} />
      {run.report && (
        <>
          {run.state === 'done' && (
            <Notice kind="success">
              {run.report.dryRun ? t('import.doneDry') : t('import.done')} {t('import.urls', { count: run.report.urlCount })}
            </Notice>
          )}
          <p>
            <a class="button" href={reportUrl(run.id)} download>
              {t('import.download')}
            </a>
          </p>
          {run.report.warnings.length > 0 && (
            <>
              <h3>{t('import.warnings')}</h3>
              <ul class="import-warnings">
                {run.report.warnings.map((w, i) => (
                  <li key={i} dir="auto">
                    {w}
                  </li>
                ))}
              </ul>
            </>
          )}
          {issues.length > 0 && (
            <details open={issues.some((i) => i.failed)}>
              <summary>{t('import.reasons', { count: issues.length })}</summary>
              <ul class="import-issues">
                {issues.slice(0, 200).map((issue, i) => (
                  <li key={i} class={issue.failed ? 'import-failed' : undefined}>
                    {t(`import.kind.${issue.kind}` as MessageKey)} <bdi dir="ltr">{issue.wpId ?? '—'}</bdi>: <span dir="ltr">{issue.reason}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {run.report.urls.length > 0 && (
            <details>
              <summary>{t('import.urlSample')}</summary>
              <ul class="import-urls" dir="ltr">
                {run.report.urls.map((u, i) => (
                  <li key={i}>
                    <bdi dir="ltr">{u.from}</bdi> → <bdi dir="ltr">{u.to ?? '—'}</bdi> ({u.status})
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** Admins import a WordPress export: upload, progress while the job runs, the report at the end. */
export function ImportScreen() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [run, setRun] = useState<ImportRun | null>(null);
  const [runs, setRuns] = useState<ImportRun[]>([]);

  useEffect(() => {
    listImports().then(
      (list) => {
        setRuns(list);
        if (list[0]) setRun(list[0]);
      },
      (failure) => setError(errorMessage(failure, t)),
    );
  }, []);

  // Polls the shown run while it is queued or running.
  useEffect(() => {
    if (!run || (run.state !== 'queued' && run.state !== 'running')) return;
    const timer = setTimeout(() => {
      getImport(run.id).then(setRun, (failure) => setError(errorMessage(failure, t)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [run]);

  useEffect(() => {
    if (run && (run.state === 'done' || run.state === 'failed' || run.state === 'cancelled')) listImports().then(setRuns, () => {});
  }, [run?.state]);

  return (
    <section class="import-screen">
      <h1>{t('import.title')}</h1>
      <p class="hint">{t('import.intro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <form
        class="form import-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!file) return;
          setSending(true);
          setError(null);
          try {
            setRun(await startImport(file, dryRun));
          } catch (failure) {
            const text = errorMessage(failure, t);
            setError(failure instanceof ApiError ? `${text} (${failure.code})` : text);
          } finally {
            setSending(false);
          }
        }}
      >
        <label>
          {t('import.file')}
          <input type="file" name="file" accept=".xml,application/xml,text/xml" required onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </label>
        <label class="check">
          <input type="checkbox" name="dryRun" checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} />
          {t('import.dryRun')}
        </label>
        <button type="submit" disabled={!file || sending}>
          {sending ? t('import.sending') : t('import.start')}
        </button>
      </form>
      {run && <RunPanel run={run} onChange={setRun} />}
      {runs.length > 1 && (
        <section>
          <h2>{t('import.history')}</h2>
          <ul class="import-history">
            {runs.map((r) => (
              <li key={r.id}>
                <button type="button" class="button-quiet" onClick={() => setRun(r)} aria-current={run?.id === r.id ? 'true' : undefined}>
                  {t('import.run', { id: r.id })} — <bdi dir="ltr">{r.fileName}</bdi> — {t(`import.state.${r.state}` as MessageKey)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
