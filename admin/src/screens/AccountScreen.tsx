import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { changePassword, type Account } from '../api/session.js';
import { useI18n } from '../i18n/I18n.js';
import { errorMessage } from '../ui/errors.js';
import { Notice } from '../ui/Notice.js';

export function AccountScreen({ user }: { user: Account }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [result, setResult] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (next !== confirm) return setResult({ kind: 'error', text: t('account.mismatch') });
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setResult({ kind: 'success', text: t('account.changed') });
    } catch (error) {
      const wrongCurrent = error instanceof ApiError && error.code === 'LOGIN_FAILED';
      setResult({ kind: 'error', text: wrongCurrent ? t('account.wrongCurrent') : errorMessage(error, t) });
    }
  }

  return (
    <section>
      <h1>{t('account.title')}</h1>
      <p>
        <bdi>{user.displayName}</bdi> · <bdi dir="ltr">{user.email}</bdi> · {t(`role.${user.role}`)}
      </p>
      <form class="panel form-narrow" onSubmit={submit}>
        {result && <Notice kind={result.kind}>{result.text}</Notice>}
        <label>
          <span>{t('account.currentPassword')}</span>
          <input type="password" autoComplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('account.newPassword')}</span>
          <input type="password" autoComplete="new-password" minLength={10} required value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('account.confirmPassword')}</span>
          <input type="password" autoComplete="new-password" minLength={10} required value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
        </label>
        <p class="hint">{t('account.rule')}</p>
        <button type="submit" class="button-primary">
          {t('account.change')}
        </button>
      </form>
    </section>
  );
}
