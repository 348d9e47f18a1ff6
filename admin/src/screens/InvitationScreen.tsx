import { useState } from 'preact/hooks';
import { acceptInvitation, type Account } from '../api/session.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { useI18n } from '../i18n/I18n.js';
import { errorMessage } from '../ui/errors.js';
import { Notice } from '../ui/Notice.js';

/** /admin/invitation#<token>: the invited user sets a password (the token never leaves the fragment except to the API). */
export function InvitationScreen({ onSignedIn }: { onSignedIn: (user: Account) => void }) {
  const { t } = useI18n();
  const token = location.hash.slice(1);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (password !== confirm) return setError(t('account.mismatch'));
    try {
      onSignedIn(await acceptInvitation(token, password));
    } catch (failure) {
      setError(errorMessage(failure, t));
    }
  }

  return (
    <div class="login-page">
      <form class="login-card" onSubmit={submit}>
        <p class="brand brand-large">خبر</p>
        <h1>{t('invitation.title')}</h1>
        {!token && <Notice kind="error">{t('invitation.missing')}</Notice>}
        {error && <Notice kind="error">{error}</Notice>}
        <label>
          <span>{t('account.newPassword')}</span>
          <input type="password" autoComplete="new-password" minLength={10} required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('account.confirmPassword')}</span>
          <input type="password" autoComplete="new-password" minLength={10} required value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
        </label>
        <p class="hint">{t('account.rule')}</p>
        <button type="submit" class="button-primary" disabled={!token}>
          {t('invitation.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </div>
  );
}
