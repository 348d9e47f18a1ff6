import { useI18n } from '../i18n/I18n.js';

/**
 * Previous / "page N of M" / next under a paged list; nothing when everything fits on one page.
 * `go(page)` shows another page (the screen keeps its filters and search).
 */
export function Pager({ page, pages, go }: { page: number; pages: number; go: (page: number) => void }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  const label = t('common.pageOf', { page, pages });
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>
        {t('common.previous')}
      </button>
      <span>{label}</span>
      <button type="button" disabled={page >= pages} onClick={() => go(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
