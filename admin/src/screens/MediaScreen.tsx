import { useEffect, useState } from 'preact/hooks';
import type { Page } from '../api/articles.js';
import { isUnavailable } from '../api/client.js';
import { listMedia, uploadMedia, type MediaItem } from '../api/media.js';
import { useI18n } from '../i18n/I18n.js';
import { errorMessage } from '../ui/errors.js';
import { Loading, NotAvailable, Notice } from '../ui/Notice.js';
import { Pager } from '../ui/Pager.js';

/** The media library (helper ME's API): browse, search, upload. "Not available yet" until it exists. */
export function MediaScreen({ onPick }: { onPick?: (item: MediaItem) => void } = {}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [page, setPage] = useState<Page<MediaItem> | null>(null);
  const [state, setState] = useState<'loading' | 'ok' | 'unavailable'>('loading');
  const [error, setError] = useState<string | null>(null);

  // The query the shown page belongs to: paging keeps it even while the search box is being edited.
  const [shownQuery, setShownQuery] = useState('');
  const load = (query = shownQuery, pageNumber = 1) =>
    listMedia({ q: query, page: pageNumber }).then(
      (value) => {
        setPage(value);
        setShownQuery(query);
        setState('ok');
      },
      (failure) => (isUnavailable(failure) ? setState('unavailable') : setError(errorMessage(failure, t))),
    );
  useEffect(() => {
    void load();
  }, []);

  return (
    <section>
      {!onPick && <h1>{t('media.title')}</h1>}
      {error && <Notice kind="error">{error}</Notice>}
      {state === 'loading' && !error && <Loading />}
      {state === 'unavailable' && <NotAvailable />}
      {state === 'ok' && page && (
        <>
          <form
            class="toolbar-row"
            role="search"
            onSubmit={(event) => {
              event.preventDefault();
              void load(q, 1);
            }}
          >
            <input type="search" dir="auto" aria-label={t('media.search')} placeholder={t('media.search')} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
            <button type="submit">{t('common.search')}</button>
            <label class="button">
              {t('media.upload')}
              <input
                type="file"
                class="visually-hidden"
                accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
                multiple
                onChange={async (event) => {
                  const files = [...(event.currentTarget.files ?? [])];
                  try {
                    for (const file of files) await uploadMedia(file);
                  } catch (failure) {
                    setError(errorMessage(failure, t));
                  }
                  await load(shownQuery, 1);
                }}
              />
            </label>
          </form>
          {page.items.length === 0 ? (
            <p class="empty">{t('media.none')}</p>
          ) : (
            <ul class="media-grid">
              {page.items.map((item) => (
                <li key={item.id}>
                  <button type="button" class="media-tile" onClick={() => onPick?.(item)} disabled={!onPick}>
                    <img src={item.thumbUrl} alt={item.alt} loading="lazy" />
                    <span dir="auto">{item.caption || item.alt}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <Pager page={page.page} pages={page.pages} go={(n) => void load(shownQuery, n)} />
        </>
      )}
    </section>
  );
}
