import { ApiError } from '../api/client.js';
import type { I18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/catalogue.js';

/** An API failure as one sentence in the chosen language (the API's own messages are English, for operators). */
export function errorMessage(error: unknown, t: I18n['t']): string {
  if (!(error instanceof ApiError)) return t('error.generic');
  if (error.code === 'NETWORK') return t('error.network');
  if (error.code === 'RATE_LIMITED' && error.retryAfterSeconds) {
    return t('login.locked', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
  }
  const key = `error.${error.code}` as MessageKey;
  let text = t(key);
  if (text === key) text = t('error.generic');
  return error.field && error.code === 'INVALID_INPUT' ? `${text} ${t('error.field', { field: error.field })}` : text;
}
