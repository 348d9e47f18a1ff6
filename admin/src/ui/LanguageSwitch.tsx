import { languages, type Language } from '../i18n/catalogue.js';
import { useI18n } from '../i18n/I18n.js';

/** The language menu: Arabic, Français, English, each written in its own language. */
export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <label class="lang-switch">
      <span>{t('lang.label')}</span>
      <select value={lang} onChange={(event) => setLang(event.currentTarget.value as Language)}>
        {languages.map((l) => (
          <option value={l.code} lang={l.code} key={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
