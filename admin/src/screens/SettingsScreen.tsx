import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, isUnavailable } from '../api/client.js';
import { getSettings, MODERATION_MODES, saveSettings, SOCIAL_NETWORKS, type SiteSettings } from '../api/settings.js';
import { useI18n } from '../i18n/I18n.js';
import { errorMessage } from '../ui/errors.js';
import { Loading, NotAvailable, Notice } from '../ui/Notice.js';
import { MediaScreen } from './MediaScreen.js';
import { settingsFieldError, type FieldError } from './settingsErrors.js';
import { changedSettings, formValueAt, PERMALINK_PRESETS, permalinkExample, settingsForm, settingsPatch, type SettingsForm } from './settingsForm.js';

const PERMALINK_TAGS = ['%year%', '%monthnum%', '%day%', '%hour%', '%minute%', '%second%', '%post_id%', '%postname%', '%category%', '%author%'];

const inputId = (field: string) => `setting-${field.replace(/\./g, '-')}`;

/** The IANA zones this browser knows, for the time zone input's suggestions. */
function knownZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/**
 * Site settings (admins), in sections: the site (name, tagline, logo from the library or a URL with a
 * preview, time zone), follow links, social accounts, article URLs (with a live example) and reader
 * comments. The whole form is sent at once; a value the server refuses is shown under its input.
 */
export function SettingsScreen() {
  const { t } = useI18n();
  const [form, setForm] = useState<SettingsForm | null>(null);
  /** The settings as last loaded or saved: only what differs from them is sent. */
  const [loaded, setLoaded] = useState<SettingsForm | null>(null);
  const [state, setState] = useState<'loading' | 'ok' | 'unavailable'>('loading');
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  /** The refused field and what it held then: the error shows until that input is edited. */
  const [refused, setRefused] = useState<{ error: FieldError; value: string | undefined } | null>(null);
  const [saving, setSaving] = useState(false);
  const [picking, setPicking] = useState(false);
  const zones = useMemo(knownZones, []);

  const load = (settings: SiteSettings) => {
    setForm(settingsForm(settings));
    setLoaded(settingsForm(settings));
    setState('ok');
  };

  useEffect(() => {
    getSettings().then(load, (error) => (isUnavailable(error) ? setState('unavailable') : setMessage({ kind: 'error', text: errorMessage(error, t) })));
  }, []);

  const example = useMemo(
    () =>
      form &&
      permalinkExample(form.permalink, form.timeZone, {
        id: 1234,
        slug: t('settings.exampleSlug'),
        publishedAt: new Date(),
        categoryPath: t('settings.exampleSection'),
        authorSlug: 'salma-bennani',
      }),
    [form?.permalink, form?.timeZone, t],
  );

  async function submit() {
    if (!form) return;
    setSaving(true);
    setMessage(null);
    setRefused(null);
    try {
      const changes = loaded ? changedSettings(settingsPatch(form), settingsPatch(loaded)) : settingsPatch(form);
      if (Object.keys(changes).length > 0) load(await saveSettings(changes));
      setMessage({ kind: 'success', text: t('settings.saved') });
    } catch (error) {
      const found = error instanceof ApiError && error.code === 'INVALID_INPUT' ? settingsFieldError(error.field) : null;
      if (found) setRefused({ error: found, value: formValueAt(form, found.field) });
      else setMessage({ kind: 'error', text: errorMessage(error, t) });
      if (found) requestAnimationFrame(() => document.getElementById(inputId(found.field))?.focus());
    } finally {
      setSaving(false);
    }
  }

  const fieldError = refused && form && formValueAt(form, refused.error.field) === refused.value ? refused.error : null;

  /** The props that tie an input to its error message. */
  const described = (field: string) => ({
    id: inputId(field),
    'aria-invalid': fieldError?.field === field ? ('true' as const) : undefined,
    'aria-describedby': fieldError?.field === field ? `${inputId(field)}-error` : undefined,
  });
  const errorFor = (field: string) =>
    fieldError?.field === field ? (
      <span class="field-error" id={`${inputId(field)}-error`}>
        {t(fieldError.key, fieldError.vars)}
      </span>
    ) : null;

  /** A labelled input with its hint and, when the server refused it, its error (a plain function: a component made here would remount the input on every keystroke). */
  const row = (field: string, label: string, input: ComponentChildren, hint?: string) => (
    <label key={field}>
      <span>{label}</span>
      {input}
      {hint && <small class="hint">{hint}</small>}
      {errorFor(field)}
    </label>
  );

  return (
    <section class="settings">
      <h1>{t('settings.title')}</h1>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {fieldError && <Notice kind="error">{t('settings.invalid')}</Notice>}
      {state === 'loading' && !message && <Loading />}
      {state === 'unavailable' && <NotAvailable />}
      {state === 'ok' && form && (
        <form
          class="settings-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <fieldset class="panel">
            <legend>{t('settings.section.site')}</legend>
            {row('name', t('settings.siteName'), <input dir="auto" {...described('name')} value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />)}
            {row('tagline', t('settings.tagline'), <input dir="auto" {...described('tagline')} value={form.tagline} onInput={(e) => setForm({ ...form, tagline: e.currentTarget.value })} />)}
            {row('timeZone', t('settings.timeZone'), <input dir="ltr" list="setting-zones" {...described('timeZone')} value={form.timeZone} onInput={(e) => setForm({ ...form, timeZone: e.currentTarget.value })} />, t('settings.timeZoneHint'))}
            <datalist id="setting-zones">
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </fieldset>

          <fieldset class="panel">
            <legend>{t('settings.logo')}</legend>
            <figure class="logo-preview">
              <figcaption class="muted">{t('settings.logoPreview')}</figcaption>
              <div class="logo-preview-bar">{form.logoUrl.trim() !== '' ? <img src={form.logoUrl.trim()} alt={form.name} height={40} /> : <span>{t('settings.logoNone')}</span>}</div>
            </figure>
            {row('logoUrl', t('settings.logoUrl'), <input dir="ltr" type="url" {...described('logoUrl')} value={form.logoUrl} onInput={(e) => setForm({ ...form, logoUrl: e.currentTarget.value })} />)}
            <p class="actions">
              <button type="button" aria-expanded={picking} onClick={() => setPicking(!picking)}>
                {t('settings.logoChoose')}
              </button>
              {form.logoUrl !== '' && (
                <button type="button" class="button-quiet" onClick={() => setForm({ ...form, logoUrl: '' })}>
                  {t('settings.logoRemove')}
                </button>
              )}
            </p>
            {picking && (
              <MediaScreen
                onPick={(item) => {
                  setForm({ ...form, logoUrl: item.url });
                  setPicking(false);
                }}
              />
            )}
          </fieldset>

          <fieldset class="panel">
            <legend>{t('settings.section.follow')}</legend>
            <p class="hint">{t('settings.followHint')}</p>
            {row('follow.whatsapp', t('settings.whatsapp'), <input dir="ltr" type="url" placeholder="https://whatsapp.com/channel/…" {...described('follow.whatsapp')} value={form.whatsapp} onInput={(e) => setForm({ ...form, whatsapp: e.currentTarget.value })} />)}
            {row('follow.googleNews', t('settings.googleNews'), <input dir="ltr" type="url" placeholder="https://news.google.com/publications/…" {...described('follow.googleNews')} value={form.googleNews} onInput={(e) => setForm({ ...form, googleNews: e.currentTarget.value })} />)}
          </fieldset>

          <fieldset class="panel">
            <legend>{t('settings.section.social')}</legend>
            <div class="settings-grid">
              {SOCIAL_NETWORKS.map((network) =>
                row(
                  `social.${network}`,
                  t(`settings.social.${network}`),
                  <input
                    dir="ltr"
                    type="url"
                    {...described(`social.${network}`)}
                    value={form.social[network]}
                    onInput={(e) => setForm({ ...form, social: { ...form.social, [network]: e.currentTarget.value } })}
                  />,
                ),
              )}
            </div>
          </fieldset>

          <fieldset class="panel">
            <legend>{t('settings.section.permalink')}</legend>
            <label>
              <span>{t('settings.permalinkPreset')}</span>
              <select value={(PERMALINK_PRESETS as readonly string[]).includes(form.permalink) ? form.permalink : ''} onChange={(e) => e.currentTarget.value && setForm({ ...form, permalink: e.currentTarget.value })}>
                {PERMALINK_PRESETS.map((preset) => (
                  <option key={preset} value={preset} dir="ltr">
                    {preset}
                  </option>
                ))}
                <option value="">{t('settings.permalinkCustom')}</option>
              </select>
            </label>
            {row('permalink', t('settings.permalink'), <input dir="ltr" {...described('permalink')} value={form.permalink} onInput={(e) => setForm({ ...form, permalink: e.currentTarget.value })} />)}
            <p class="hint">
              {t('settings.permalinkTags')}{' '}
              {PERMALINK_TAGS.map((tag) => (
                <code key={tag} dir="ltr">
                  {tag}
                </code>
              ))}
            </p>
            <div class="permalink-example" aria-live="polite">
              {example !== null ? (
                <>
                  <span>{t('settings.permalinkExample')}</span> <code dir="ltr" data-testid="permalink-example">{location.origin + example}</code>
                </>
              ) : (
                fieldError?.field !== 'permalink' && <span class="field-error">{t('settings.permalinkInvalid')}</span>
              )}
            </div>
          </fieldset>

          <fieldset class="panel">
            <legend>{t('settings.section.comments')}</legend>
            <fieldset class="choices">
              <legend>{t('settings.moderation')}</legend>
              {MODERATION_MODES.map((mode) => (
                <label class="check" key={mode}>
                  <input type="radio" name="moderation" value={mode} checked={form.moderation === mode} onChange={() => setForm({ ...form, moderation: mode })} />
                  <span>{t(`settings.moderation.${mode}`)}</span>
                </label>
              ))}
            </fieldset>
            <div class="settings-grid">
              {row('comments.closeAfterDays', t('settings.closeAfterDays'), <input inputMode="numeric" {...described('comments.closeAfterDays')} value={form.closeAfterDays} onInput={(e) => setForm({ ...form, closeAfterDays: e.currentTarget.value })} />, t('settings.closeAfterDaysHint'))}
              {row('comments.maxDepth', t('settings.maxDepth'), <input inputMode="numeric" {...described('comments.maxDepth')} value={form.maxDepth} onInput={(e) => setForm({ ...form, maxDepth: e.currentTarget.value })} />)}
              {row('comments.perPage', t('settings.perPage'), <input inputMode="numeric" {...described('comments.perPage')} value={form.perPage} onInput={(e) => setForm({ ...form, perPage: e.currentTarget.value })} />)}
              {row('comments.maxLinks', t('settings.maxLinks'), <input inputMode="numeric" {...described('comments.maxLinks')} value={form.maxLinks} onInput={(e) => setForm({ ...form, maxLinks: e.currentTarget.value })} />)}
              <label>
                <span>{t('settings.order')}</span>
                <select value={form.order} onChange={(e) => setForm({ ...form, order: e.currentTarget.value as SettingsForm['order'] })}>
                  <option value="oldest">{t('settings.order.oldest')}</option>
                  <option value="newest">{t('settings.order.newest')}</option>
                </select>
              </label>
            </div>
            {row('comments.moderationWords', t('settings.moderationWords'), <textarea dir="auto" rows={4} {...described('comments.moderationWords')} value={form.moderationWords} onInput={(e) => setForm({ ...form, moderationWords: e.currentTarget.value })} />, t('settings.wordsHint'))}
            {row('comments.disallowedWords', t('settings.disallowedWords'), <textarea dir="auto" rows={4} {...described('comments.disallowedWords')} value={form.disallowedWords} onInput={(e) => setForm({ ...form, disallowedWords: e.currentTarget.value })} />, t('settings.wordsHint'))}
          </fieldset>

          <p class="actions settings-save">
            <button type="submit" class="button-primary" disabled={saving}>
              {t('common.save')}
            </button>
            {saving && <span class="muted">{t('editor.saving')}</span>}
          </p>
        </form>
      )}
    </section>
  );
}
