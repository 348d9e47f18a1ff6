import { ar, type MessageKey, type Messages } from './ar.js';
import { en } from './en.js';
import { fr } from './fr.js';

export type { MessageKey, Messages };

/** The admin's languages: Arabic first (the source and the default), then French and English. */
export const languages = [
  { code: 'ar', name: 'العربية', dir: 'rtl', locale: 'ar-MA' },
  { code: 'fr', name: 'Français', dir: 'ltr', locale: 'fr-MA' },
  { code: 'en', name: 'English', dir: 'ltr', locale: 'en-GB' },
] as const;

export type Language = (typeof languages)[number]['code'];

export const catalogues: Record<Language, Messages> = { ar, fr, en };

export function isLanguage(value: unknown): value is Language {
  return languages.some((l) => l.code === value);
}

export function languageInfo(code: Language): (typeof languages)[number] {
  return languages.find((l) => l.code === code) ?? languages[0];
}

/**
 * The message `key` in `lang`, with `{name}` placeholders filled from `vars`.
 *
 * @example translate('en', 'common.pageOf', { page: 2, pages: 5 }) // 'Page 2 of 5'
 */
export function translate(lang: Language, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template: string = catalogues[lang][key] ?? ar[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}
