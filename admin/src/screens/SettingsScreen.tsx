import { useEffect, useState } from 'preact/hooks';
import { isUnavailable } from '../api/client.js';
import { getSettings, saveSettings, type SiteSettings } from '../api/settings.js';
import { useI18n } from '../i18n/I18n.js';
import { errorMessage } from '../ui/errors.js';
import { Loading, NotAvailable, Notice } from '../ui/Notice.js';

/** Site settings (helper W's API): "not available yet" until the server has it. */
export function SettingsScreen() {
  const { t } = useI18n();
  const [settings, setSettings] = useState<SiteSettings | null>(null);
  const [state, setState] = useState<'loading' | 'ok' | 'unavailable'>('loading');
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  useEffect(() => {
    getSettings().then(
      (value) => {
        setSettings(value);
        setState('ok');
      },
      (error) => (isUnavailable(error) ? setState('unavailable') : setMessage({ kind: 'error', text: errorMessage(error, t) })),
    );
  }, []);

  return (
    <section>
      <h1>{t('settings.title')}</h1>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {state === 'loading' && !message && <Loading />}
      {state === 'unavailable' && <NotAvailable />}
      {state === 'ok' && settings && (
        <form
          class="panel form-narrow"
          onSubmit={async (event) => {
            event.preventDefault();
            try {
              setSettings(await saveSettings(settings));
              setMessage({ kind: 'success', text: t('common.done') });
            } catch (error) {
              setMessage({ kind: 'error', text: errorMessage(error, t) });
            }
          }}
        >
          <label>
            <span>{t('settings.siteName')}</span>
            <input dir="auto" value={settings.name} onInput={(e) => setSettings({ ...settings, name: e.currentTarget.value })} />
          </label>
          <label>
            <span>{t('settings.tagline')}</span>
            <input dir="auto" value={settings.tagline} onInput={(e) => setSettings({ ...settings, tagline: e.currentTarget.value })} />
          </label>
          <label>
            <span>{t('settings.permalink')}</span>
            <input dir="ltr" value={settings.permalink} onInput={(e) => setSettings({ ...settings, permalink: e.currentTarget.value })} />
          </label>
          <label>
            <span>{t('settings.moderation')}</span>
            <select
              value={settings.comments.moderation}
              onChange={(e) => setSettings({ ...settings, comments: { ...settings.comments, moderation: e.currentTarget.value as SiteSettings['comments']['moderation'] } })}
            >
              <option value="trust-returning">trust-returning</option>
              <option value="hold-all">hold-all</option>
              <option value="open">open</option>
            </select>
          </label>
          <button type="submit" class="button-primary">
            {t('common.save')}
          </button>
        </form>
      )}
    </section>
  );
}
