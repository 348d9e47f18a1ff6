import { createContext, type ComponentChildren } from 'preact';
import { useContext, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { isLanguage, languageInfo, translate, type Language, type MessageKey } from './catalogue.js';

export const LANGUAGE_STORAGE_KEY = 'khabar.admin.lang';

export interface I18n {
  lang: Language;
  dir: 'rtl' | 'ltr';
  /** BCP 47 locale for dates and numbers. */
  locale: string;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  setLang: (lang: Language) => void;
}

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : 'ar';
  } catch {
    return 'ar';
  }
}

const I18nContext = createContext<I18n | null>(null);

/** Holds the chosen language (Arabic by default, kept in localStorage) and keeps `<html lang dir>` in step. */
export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Language>(storedLanguage);
  const info = languageInfo(lang);
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = info.dir;
    document.title = translate(lang, 'app.title');
  }, [lang, info.dir]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      dir: info.dir,
      locale: info.locale,
      t: (key, vars) => translate(lang, key, vars),
      setLang(next) {
        try {
          localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
        } catch {
          // Private mode: the choice lasts for this page only.
        }
        setLangState(next);
      },
    }),
    [lang, info.dir, info.locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
