import { useEffect, useState } from 'preact/hooks';
import { roles, type Account, type Role } from '../api/session.js';
import { changeRole, inviteUser, listUsers, type Invitation } from '../api/users.js';
import { useI18n } from '../i18n/I18n.js';
import { errorMessage } from '../ui/errors.js';
import { formatDateTime } from '../ui/formatDate.js';
import { Loading, Notice } from '../ui/Notice.js';

/** Admins: the accounts, their roles, and invitations: emailed when the server has SMTP, else a one-time link to hand over. */
export function UsersScreen({ user }: { user: Account }) {
  const { t, locale } = useI18n();
  const [users, setUsers] = useState<Account[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [invited, setInvited] = useState<{ name: string; invitation: Invitation } | null>(null);
  const [form, setForm] = useState({ email: '', name: '', role: 'author' as Role });

  const load = () => listUsers().then(setUsers, (error) => setMessage({ kind: 'error', text: errorMessage(error, t) }));
  useEffect(() => {
    void load();
  }, []);

  async function invite(event: Event) {
    event.preventDefault();
    try {
      const answer = await inviteUser({ email: form.email.trim(), name: form.name.trim(), role: form.role });
      setInvited({ name: answer.user.displayName, invitation: answer.invitation });
      setMessage(null);
      setForm({ email: '', name: '', role: 'author' });
      await load();
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error, t) });
    }
  }

  async function setRole(account: Account, role: Role) {
    try {
      await changeRole(account.id, role);
      setMessage({ kind: 'success', text: t('users.roleChanged', { name: account.displayName }) });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error, t) });
    }
    await load();
  }

  return (
    <section>
      <h1>{t('users.title')}</h1>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {users === null ? (
        !message && <Loading />
      ) : (
        <div class="table-scroll">
<table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((account) => (
              <tr key={account.id}>
                <td>
                  <bdi>{account.displayName}</bdi>
                  {!account.canLogIn && <span class="badge">{t('users.invited')}</span>}
                </td>
                <td dir="ltr" class="cell-ltr">
                  {account.email}
                </td>
                <td>
                  <select
                    aria-label={`${t('users.role')}: ${account.displayName}`}
                    value={account.role}
                    disabled={account.id === user.id}
                    onChange={(event) => setRole(account, event.currentTarget.value as Role)}
                  >
                    {roles.map((role) => (
                      <option value={role} key={role}>
                        {t(`role.${role}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
</div>
      )}

      <h2>{t('users.invite')}</h2>
      <form class="panel form-row" onSubmit={invite}>
        <label>
          <span>{t('users.name')}</span>
          <input required dir="auto" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
        </label>
        <label>
          <span>{t('users.email')}</span>
          <input required type="email" dir="ltr" value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} />
        </label>
        <label>
          <span>{t('users.role')}</span>
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })}>
            {roles.map((role) => (
              <option value={role} key={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button-primary">
          {t('users.inviteSend')}
        </button>
      </form>
      {invited && (
        <div class="panel invitation-link" role="status">
          {invited.invitation.email ? (
            <>
              <p>
                {t('users.inviteEmailed', { name: invited.name, date: formatDateTime(invited.invitation.expiresAt, locale) })}{' '}
                <bdi dir="ltr">
                  {invited.invitation.email.to}
                </bdi>
              </p>
              <details>
                <summary>{t('users.inviteCopyInstead')}</summary>
                <LinkRow key={invited.invitation.link} link={invited.invitation.link} />
              </details>
            </>
          ) : (
            <>
              <p>{t('users.inviteLink', { name: invited.name, date: formatDateTime(invited.invitation.expiresAt, locale) })}</p>
              <LinkRow key={invited.invitation.link} link={invited.invitation.link} />
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** The one-time link, selectable, with a copy button. */
function LinkRow({ link }: { link: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <p class="link-row">
      <input readOnly dir="ltr" value={link} aria-label={t('users.invite')} onFocus={(e) => e.currentTarget.select()} />
      <button
        type="button"
        onClick={async () => {
          await navigator.clipboard?.writeText(link).catch(() => {});
          setCopied(true);
        }}
      >
        {copied ? t('common.copied') : t('common.copy')}
      </button>
    </p>
  );
}
