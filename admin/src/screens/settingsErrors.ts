import type { MessageKey } from '../i18n/catalogue.js';

/** Limits the server's schema sets on number settings (src/operations/site/siteSettings.ts). */
const NUMBER_LIMITS: Record<string, { min: number; max: number }> = {
  'comments.closeAfterDays': { min: 1, max: 36500 },
  'comments.maxDepth': { min: 1, max: 10 },
  'comments.perPage': { min: 5, max: 500 },
  'comments.maxLinks': { min: 0, max: 100 },
};

export interface FieldError {
  /** The form input to show it under: the API's field path, down to the setting (`follow.whatsapp`; a word list's index dropped). */
  field: string;
  key: MessageKey;
  vars?: Record<string, string | number>;
}

/**
 * What to say next to the input the API named in an INVALID_INPUT answer (its `field` is the
 * setting's path), in the screen's language; null when the path is not one of the form's inputs.
 */
export function settingsFieldError(apiField: string | undefined): FieldError | null {
  if (!apiField) return null;
  const parts = apiField.split('.');
  const [head, sub] = parts;
  if ((head === 'follow' || head === 'social') && sub) return { field: `${head}.${sub}`, key: 'settings.error.url' };
  if (head === 'comments' && (sub === 'moderationWords' || sub === 'disallowedWords')) return { field: `comments.${sub}`, key: 'settings.error.words' };
  if (head === 'comments' && sub && NUMBER_LIMITS[`comments.${sub}`]) return { field: `comments.${sub}`, key: 'settings.error.number', vars: NUMBER_LIMITS[`comments.${sub}`] };
  if (head === 'name') return { field: 'name', key: 'settings.error.text', vars: { max: 120 } };
  if (head === 'tagline') return { field: 'tagline', key: 'settings.error.textOptional', vars: { max: 240 } };
  if (head === 'timeZone') return { field: 'timeZone', key: 'settings.error.timeZone' };
  if (head === 'permalink') return { field: 'permalink', key: 'settings.permalinkInvalid' };
  if (head === 'logoUrl') return { field: 'logoUrl', key: 'settings.error.url' };
  return null;
}
