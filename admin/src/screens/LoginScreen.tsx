import { useState } from 'preact/hooks';
import { logIn, type Account } from '../api/session.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { useI18n } from '../i18n/I18n.js';
import { errorMessage } from '../ui/errors.js';
import { Notice } from '../ui/Notice.js';

export function LoginScreen({ onSignedIn }: { onSignedIn: (user: Account) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await logIn(email.trim(), password));
    } catch (failure) {
      setError(failure);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="login-page">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <p class="brand brand-large">خبر</p>
        <h1 id="login-title">{t('login.title')}</h1>
        {error !== null && <Notice kind="error">{errorMessage(error, t)}</Notice>}
        <label>
          <span>{t('login.email')}</span>
          <input type="email" name="email" dir="ltr" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('login.password')}</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button-primary" disabled={busy}>
          {t('login.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </div>
  );
}
