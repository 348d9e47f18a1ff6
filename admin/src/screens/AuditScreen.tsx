import { useEffect, useMemo, useState } from 'preact/hooks';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, listAudit, type AuditFilter, type AuditPage } from '../api/audit.js';
import { isUnavailable } from '../api/client.js';
import type { Account } from '../api/session.js';
import { getSiteBasics } from '../api/settings.js';
import { listUsers } from '../api/users.js';
import type { MessageKey } from '../i18n/catalogue.js';
import { useI18n } from '../i18n/I18n.js';
import { Link } from '../router.js';
import { errorMessage } from '../ui/errors.js';
import { formatOnClock } from '../ui/formatDate.js';
import { Loading, NotAvailable, Notice } from '../ui/Notice.js';
import { DEFAULT_TIME_ZONE, siteClock, type SiteClock } from '../ui/zonedInput.js';
import { auditLine } from './auditText.js';
import { Pager } from '../ui/Pager.js';

/**
 * The audit log (admins): who published, unpublished, trashed, restored, scheduled, changed a role
 * or a setting, and when — on the site's clock — filtered by action, item and user, newest first.
 */
export function AuditScreen() {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<AuditFilter>({});
  const [filter, setFilter] = useState<AuditFilter>({ page: 1 });
  const [page, setPage] = useState<AuditPage | null>(null);
  const [state, setState] = useState<'loading' | 'ok' | 'unavailable' | 'error'>('loading');
  const [error, setError] = useState<unknown>(null);
  const [users, setUsers] = useState<Account[]>([]);
  const [clock, setClock] = useState<SiteClock>(() => siteClock(DEFAULT_TIME_ZONE));

  useEffect(() => {
    listUsers().then(setUsers, () => {});
    getSiteBasics().then((s) => setClock(siteClock(s.timeZone || DEFAULT_TIME_ZONE, s.offsets)), () => {});
  }, []);

  useEffect(() => {
    setState('loading');
    listAudit(filter).then(
      (value) => {
        setPage(value);
        setState('ok');
      },
      (failure) => {
        setError(failure);
        setState(isUnavailable(failure) ? 'unavailable' : 'error');
      },
    );
  }, [filter]);

  const list = useMemo(() => new Intl.ListFormat(locale, { type: 'conjunction' }), [locale]);
  const formatTime = (iso: string) => formatOnClock(iso, locale, clock);

  return (
    <section class="audit">
      <h1>{t('audit.title')}</h1>
      <form
        class="toolbar-row filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({ ...draft, page: 1 });
        }}
      >
        <label>
          <span>{t('audit.filter.action')}</span>
          <select value={draft.action ?? ''} onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value || undefined })}>
            <option value="">{t('audit.all')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`audit.action.${action}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('audit.filter.targetType')}</span>
          <select value={draft.targetType ?? ''} onChange={(e) => setDraft({ ...draft, targetType: e.currentTarget.value || undefined })}>
            <option value="">{t('audit.all')}</option>
            {AUDIT_TARGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`audit.target.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('audit.filter.targetId')}</span>
          <input class="input-short" dir="ltr" inputMode="numeric" value={draft.targetId ?? ''} onInput={(e) => setDraft({ ...draft, targetId: e.currentTarget.value.trim() || undefined })} />
        </label>
        <label>
          <span>{t('audit.filter.actor')}</span>
          <select value={draft.actor ?? ''} onChange={(e) => setDraft({ ...draft, actor: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })}>
            <option value="">{t('audit.all')}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.displayName}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('audit.filter.apply')}</button>
      </form>
      <p class="muted">{t('audit.zone', { zone: clock.timeZone })}</p>
      {state === 'loading' && <Loading />}
      {state === 'unavailable' && <NotAvailable />}
      {state === 'error' && <Notice kind="error">{errorMessage(error, t)}</Notice>}
      {state === 'ok' && page && (
        <>
          <p class="muted">{t('audit.total', { count: page.total })}</p>
          {page.items.length === 0 ? (
            <p class="empty">{t('audit.none')}</p>
          ) : (
            <div class="table-scroll">
              <table class="data-table audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.when')}</th>
                    <th scope="col">{t('audit.who')}</th>
                    <th scope="col">{t('audit.what')}</th>
                    <th scope="col">{t('audit.item')}</th>
                    <th scope="col">{t('audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((entry) => {
                    const line = auditLine(entry, page.labels, t, formatTime, (items) => list.format(items));
                    return (
                      <tr key={entry.id} data-audit-id={entry.id}>
                        <td>
                          <time dateTime={entry.at}>{formatTime(entry.at)}</time>
                        </td>
                        <td>
                          <bdi>{line.who}</bdi>
                        </td>
                        <td>{line.what}</td>
                        <td>
                          {line.item.to !== null ? (
                            <Link to={line.item.to}>
                              <bdi>{line.item.text}</bdi>
                            </Link>
                          ) : (
                            <bdi>{line.item.text}</bdi>
                          )}
                        </td>
                        <td>{line.details}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={page.page} pages={page.pages} go={(n) => setFilter({ ...filter, page: n })} />
        </>
      )}
    </section>
  );
}
