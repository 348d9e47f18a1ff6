import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/I18n.js';

/** A message box: `error` is announced to screen readers at once, `info` politely. */
export function Notice({ kind, children }: { kind: 'error' | 'info' | 'success'; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** What a screen shows while the server has no API for it yet: never invented content. */
export function NotAvailable() {
  const { t } = useI18n();
  return (
    <div class="not-available" role="status">
      <strong>{t('common.notAvailable')}</strong>
      <p>{t('common.notAvailableBody')}</p>
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}
